import { accountSecurityMessages as am } from './account-security.messages';
import { isProblem } from '../api/problem';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call, useRefetch } from '../api/client';
import { fieldErrors } from '../api/problem';
import { usePartners, type User } from '../api/referenceData';
import { label, optionsOf, roleLabels } from '../i18n/labels';
import { Allowed } from '../layout/access';
import type { Role } from '../session/session';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Choice';
import { ModalDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { FilterSelect, SelectField } from '../ui/SelectField';
import { ErrorState, FormError, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { adminMessages as m } from './admin.messages';
import { PARTNER_ROLES, partnersFor, ROLES } from './roles';
import { type AccountLink, OneTimeLink } from './OneTimeLink';
import { useSettings } from '../api/referenceData';
import { grantRequestMessages as gm } from './grant-requests.messages';
import { PendingGrantRequests } from './PendingGrantRequests';

/** Roles whose grant (and whose accounts' resets) waits for a second person when the LIVC wants that (libs/users WATCHED_ROLES). */
const WATCHED: readonly Role[] = ['casemanager', 'chair', 'member', 'auditor'];
/** A write the API answered with 202: it waits for a second person's approval. */
const isPendingGrant = (r: unknown): r is { grantRequest: { id: string } } => !!r && typeof r === 'object' && 'grantRequest' in r;

/** "This change needs a second person's approval", while the setting is on and the change is one. */
function NeedsApproval({ role }: { role: Role | null | undefined }) {
  const intl = useIntl();
  const on = useSettings()?.grantsNeedSecondApproval;
  return on && role && WATCHED.includes(role) ? <p className="notice">{intl.formatMessage(gm.needsApproval)}</p> : null;
}

/** Shown instead of a link or a result: nothing changed yet. */
function PendingApproval({ onClose }: { onClose: () => void }) {
  const intl = useIntl();
  const refreshRequests = useRefetch('/api/grant-requests');
  // The new request joins the "Wacht op goedkeuring" list behind the dialog.
  useEffect(() => void refreshRequests(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <p role="status">{intl.formatMessage(gm.pendingText)}</p>
      <div className="form-actions"><Button onPress={onClose}>{intl.formatMessage(m.done)}</Button></div>
    </>
  );
}

const route = getRouteApi('/app/admin/users');
const PAGE_SIZE = 50;

export function UsersAdminPage() {
  return (
    <Allowed action="manage" subject="User">
      <UsersAdmin />
    </Allowed>
  );
}

const useUsersRefresh = () => useRefetch('/api/users');

/** The accounts of the LIVC. The admin never types or sees a password: a new user and a reset both get a one-time link. */
function UsersAdmin() {
  const intl = useIntl();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const partners = usePartners();
  const page = search.page ?? 1;
  const q = $api.useQuery('get', '/api/users', { params: { query: { role: search.role, partnerId: search.partnerId, active: search.active === undefined ? undefined : search.active ? 'true' : 'false', page, pageSize: PAGE_SIZE } } });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [account, setAccount] = useState<{ user: User; action: 'sessions' | 'totp' } | null>(null);

  return (
    <Page title={intl.formatMessage(m.usersTitle)} actions={<Button onPress={() => setCreating(true)}>{intl.formatMessage(m.newUser)}</Button>}>
      <div role="search" className="filters" aria-label={intl.formatMessage(m.filters)}>
        <FilterSelect label={intl.formatMessage(m.role)} options={optionsOf(intl, roleLabels, ROLES)} value={search.role}
          onChange={(v) => set({ role: v as Role | undefined })} allLabel={intl.formatMessage(uiMessages.all)} />
        <FilterSelect label={intl.formatMessage(m.partner)} options={partners.list.map((p) => ({ id: p.id, label: p.name }))}
          value={search.partnerId} onChange={(v) => set({ partnerId: v })} allLabel={intl.formatMessage(uiMessages.all)} />
        <FilterSelect label={intl.formatMessage(m.activeFilter)} options={[{ id: 'true', label: intl.formatMessage(m.active) }, { id: 'false', label: intl.formatMessage(m.inactive) }]}
          value={search.active === undefined ? undefined : String(search.active)} onChange={(v) => set({ active: v === undefined ? undefined : v === 'true' })} allLabel={intl.formatMessage(uiMessages.all)} />
      </div>
      <PendingGrantRequests />
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.usersNone)}</p>
      ) : (
        <>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.name)}</th>
                <th scope="col">{intl.formatMessage(m.email)}</th>
                <th scope="col">{intl.formatMessage(m.role)}</th>
                <th scope="col">{intl.formatMessage(m.partner)}</th>
                <th scope="col">{intl.formatMessage(m.status)}</th>
                <th scope="col">{intl.formatMessage(m.actions)}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{label(intl, roleLabels, u.role)}</td>
                  <td>{u.partnerId ? partners.name(u.partnerId) : '—'}</td>
                  <td className="row">
                    {u.active ? <Badge tone="ok">{intl.formatMessage(m.active)}</Badge> : <Badge>{intl.formatMessage(m.inactive)}</Badge>}
                    {u.pendingInvitation && <Badge tone="warn">{intl.formatMessage(m.pending)}</Badge>}
                  </td>
                  <td className="row">
                    <Button variant="secondary" size="small" onPress={() => setEditing(u)} aria-label={`${intl.formatMessage(m.editUser)}: ${u.name}`}>
                      {intl.formatMessage(m.editUser)}
                    </Button>
                    <Button variant="secondary" size="small" onPress={() => setResetting(u)} aria-label={`${intl.formatMessage(m.resetPassword)}: ${u.name}`}>
                      {intl.formatMessage(m.resetPassword)}
                    </Button>
                    <Button variant="secondary" size="small" onPress={() => setAccount({ user: u, action: 'sessions' })} aria-label={`${intl.formatMessage(am.endSessions)}: ${u.name}`}>
                      {intl.formatMessage(am.endSessions)}
                    </Button>
                    <Button variant="secondary" size="small" onPress={() => setAccount({ user: u, action: 'totp' })} aria-label={`${intl.formatMessage(am.resetTotp)}: ${u.name}`}>
                      {intl.formatMessage(am.resetTotp)}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} total={q.data.total} onPage={(p) => set({ page: p > 1 ? p : undefined })} />
        </>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      {editing && <EditUserDialog user={editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
      {account && <AccountSecurityDialog user={account.user} action={account.action} onClose={() => setAccount(null)} />}
    </Page>
  );
}

/** Role and, for the roles that need one, the partner (only the partners that role may belong to are offered). */
function RolePartnerFields({ role, setRole, partnerId, setPartnerId, errors }: {
  role: Role | null; setRole: (r: Role | null) => void; partnerId: string | null; setPartnerId: (p: string | null) => void; errors: Record<string, string>;
}) {
  const intl = useIntl();
  const partners = usePartners();
  const offered = partnersFor(role, partners.list);
  return (
    <>
      <SelectField label={intl.formatMessage(m.role)} options={optionsOf(intl, roleLabels, ROLES)} value={role} error={errors.role} isRequired
        onChange={(r) => {
          setRole(r);
          if (!partnersFor(r, partners.list).some((p) => p.id === partnerId)) setPartnerId(null);
        }} />
      {role && PARTNER_ROLES.includes(role) ? (
        <SelectField label={intl.formatMessage(m.partner)} options={offered.map((p) => ({ id: p.id, label: p.name }))} value={partnerId} onChange={setPartnerId}
          error={errors.partnerId} description={intl.formatMessage(m.partnerHelp)} isRequired />
      ) : role ? <p className="muted small">{intl.formatMessage(m.noPartnerForRole)}</p> : null}
    </>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const intl = useIntl();
  const refresh = useUsersRefresh();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; invitation: AccountLink } | null>(null);
  const [pending, setPending] = useState(false);
  const fields = ['email', 'name', 'role', 'partnerId'];

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!email.trim()) problems.email = intl.formatMessage(uiMessages.required);
    if (!name.trim()) problems.name = intl.formatMessage(uiMessages.required);
    if (!role) problems.role = intl.formatMessage(uiMessages.required);
    if (role && PARTNER_ROLES.includes(role) && !partnerId) problems.partnerId = intl.formatMessage(m.partnerRequired);
    setLocal(problems);
    if (Object.keys(problems).length || !role) return;
    setBusy(true);
    setError(null);
    try {
      // No password: the answer carries the one-time invitation with which the new user chooses their own.
      const user = await call(api.POST('/api/users', { body: { email: email.trim(), name: name.trim(), role, ...(partnerId ? { partnerId } : {}) } }));
      await refresh();
      if (isPendingGrant(user)) setPending(true);
      else if (user.invitation) setCreated({ name: user.name, invitation: user.invitation });
      else onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errs = { ...fieldErrors(error, fields), ...local };
  return (
    <ModalDialog title={intl.formatMessage(pending ? gm.pendingTitle : created ? m.invitationTitle : m.newUser)} isOpen onOpenChange={(o) => !o && !created && onClose()} role={created || pending ? 'alertdialog' : 'dialog'}>
      {pending ? <PendingApproval onClose={onClose} /> : created ? (
        <>
          <OneTimeLink link={created.invitation} name={created.name} />
          <div className="form-actions"><Button onPress={onClose}>{intl.formatMessage(m.done)}</Button></div>
        </>
      ) : (
        <>
          <FormError error={error} formErrors={fieldErrors(error, fields)['']} />
          <TextField label={intl.formatMessage(m.email)} name="email" type="email" value={email} onChange={setEmail} error={errs.email} isRequired autoFocus maxLength={254} />
          <TextField label={intl.formatMessage(m.name)} name="name" value={name} onChange={setName} error={errs.name} isRequired maxLength={200} />
          <RolePartnerFields role={role} setRole={setRole} partnerId={partnerId} setPartnerId={setPartnerId} errors={errs} />
          <NeedsApproval role={role} />
          <div className="form-actions">
            <Button onPress={submit} isDisabled={busy}>{intl.formatMessage(m.createUser)}</Button>
            <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const intl = useIntl();
  const refresh = useUsersRefresh();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role | null>(user.role);
  const [partnerId, setPartnerId] = useState<string | null>(user.partnerId);
  const [active, setActive] = useState(user.active);
  const [version, setVersion] = useState(user.version);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(false);
  const fields = ['name', 'role', 'partnerId', 'active'];
  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = intl.formatMessage(uiMessages.required);
    if (role && PARTNER_ROLES.includes(role) && !partnerId) problems.partnerId = intl.formatMessage(m.partnerRequired);
    setLocal(problems);
    if (Object.keys(problems).length || !role) return;
    setBusy(true);
    setError(null);
    try {
      const roleChanged = role !== user.role || partnerId !== user.partnerId;
      const res = await call(api.PATCH('/api/users/{id}', {
        params: { path: { id: user.id } },
        body: { name: name.trim(), active, version, ...(roleChanged ? { role, partnerId: PARTNER_ROLES.includes(role) ? partnerId : null } : {}) },
      }));
      await refresh();
      if (isPendingGrant(res)) setPending(true);
      else onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => setVersion((await call(api.GET('/api/users/{id}', { params: { path: { id: user.id } } }))).version);
  const errs = { ...fieldErrors(error, fields), ...local };
  // A grant: a watched role it did not have, or an account of one switched on again.
  const grant = !!role && active && (role !== user.role || !user.active) ? role : null;
  if (pending) {
    return (
      <ModalDialog role="alertdialog" title={intl.formatMessage(gm.pendingTitle)} isOpen onOpenChange={(o) => !o && onClose()}>
        <PendingApproval onClose={onClose} />
      </ModalDialog>
    );
  }
  return (
    <ModalDialog title={intl.formatMessage(m.editUserTitle, { name: user.name })} isOpen onOpenChange={(o) => !o && onClose()}>
      <ProblemNotice error={error} fields={fields} onReload={reload} />
      <p className="muted">{user.email}</p>
      <TextField label={intl.formatMessage(m.name)} name="name" value={name} onChange={setName} error={errs.name} isRequired maxLength={200} autoFocus />
      <RolePartnerFields role={role} setRole={setRole} partnerId={partnerId} setPartnerId={setPartnerId} errors={errs} />
      <div className="field"><Checkbox isSelected={active} onChange={setActive}>{intl.formatMessage(m.accountActive)}</Checkbox></div>
      <NeedsApproval role={grant} />
      <div className="form-actions">
        <Button onPress={submit} isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
        <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const intl = useIntl();
  const refresh = useUsersRefresh();
  const [link, setLink] = useState<AccountLink | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await call(api.POST('/api/users/{id}/password-reset', { params: { path: { id: user.id } } }));
      if (isPendingGrant(res)) setPending(true);
      else setLink(res);
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog role="alertdialog" title={pending ? intl.formatMessage(gm.pendingTitle) : intl.formatMessage(link ? m.resetDoneTitle : m.resetTitle, { name: user.name })} isOpen onOpenChange={(o) => !o && onClose()}>
      {pending ? <PendingApproval onClose={onClose} /> : link ? (
        <>
          <OneTimeLink link={link} name={user.name} />
          <div className="form-actions"><Button onPress={onClose}>{intl.formatMessage(m.done)}</Button></div>
        </>
      ) : (
        <>
          <p>{intl.formatMessage(m.resetText, { name: user.name })}</p>
          <NeedsApproval role={user.role} />
          <FormError error={error} />
          <div className="form-actions">
            <Button onPress={confirm} isDisabled={busy}>{intl.formatMessage(m.resetConfirm)}</Button>
            <Button variant="secondary" onPress={onClose} autoFocus>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

/** "End all sessions" (browser sessions and bearer tokens) or "reset second factor" (lost device): asked, then done. */
function AccountSecurityDialog({ user, action, onClose }: { user: User; action: 'sessions' | 'totp'; onClose: () => void }) {
  const intl = useIntl();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'sessions') {
        const r = await call(api.POST('/api/users/{id}/sessions/revoke', { params: { path: { id: user.id } } }));
        setDone(intl.formatMessage(am.sessionsEnded, { n: r.endedSessions, name: user.name }));
      } else {
        const res: unknown = await call(api.DELETE('/api/users/{id}/totp', { params: { path: { id: user.id } } }));
        setDone(isPendingGrant(res) ? intl.formatMessage(gm.pendingText) : intl.formatMessage(am.totpReset, { name: user.name }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const noTotp = isProblem(error) && error.status === 422 && action === 'totp';
  return (
    <ModalDialog role="alertdialog" title={intl.formatMessage(action === 'sessions' ? am.endSessionsTitle : am.resetTotpTitle, { name: user.name })} isOpen onOpenChange={(o) => !o && onClose()}>
      {done ? (
        <>
          <p role="status">{done}</p>
          <div className="form-actions"><Button onPress={onClose}>{intl.formatMessage(m.done)}</Button></div>
        </>
      ) : (
        <>
          <p>{intl.formatMessage(action === 'sessions' ? am.endSessionsText : am.resetTotpText, { name: user.name })}</p>
          {action === 'totp' && <NeedsApproval role={user.role} />}
          {noTotp ? <div className="form-error" role="alert">{intl.formatMessage(am.noTotp)}</div> : <FormError error={error} />}
          <div className="form-actions">
            <Button onPress={confirm} isDisabled={busy}>{intl.formatMessage(action === 'sessions' ? am.endSessions : am.resetTotp)}</Button>
            <Button variant="secondary" onPress={onClose} autoFocus>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
