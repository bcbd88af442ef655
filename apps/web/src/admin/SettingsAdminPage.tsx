import { label, roleLabels } from '../i18n/labels';
import { accountSecurityMessages as am } from './account-security.messages';
import { ROLES } from './roles';
import type { Role } from '../session/session';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { usePartners } from '../api/referenceData';
import type { components } from '../api/schema';
import { Allowed } from '../layout/access';
import { Button } from '../ui/Button';
import { Checkbox, Choice } from '../ui/Choice';
import { Page } from '../ui/Page';
import { ErrorState, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { adminMessages as m } from './admin.messages';
import { grantRequestMessages as gm } from './grant-requests.messages';

type Settings = components['schemas']['SettingsView'];
type Language = Settings['defaultLanguage'];
type Theme = Settings['theme'];

export function SettingsAdminPage() {
  return (
    <Allowed action="update" subject="Settings">
      <SettingsAdmin />
    </Allowed>
  );
}

function SettingsAdmin() {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/settings');
  return (
    <Page title={intl.formatMessage(m.settingsTitle)}>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : <SettingsForm settings={q.data} />}
    </Page>
  );
}

/** The LIVC's name, its standing members (partners invited to every meeting), default language and theme. */
function SettingsForm({ settings }: { settings: Settings }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const partners = usePartners();
  const [name, setName] = useState(settings.name);
  const [standingDefault, setStandingDefault] = useState(settings.standingPartnersDefault);
  const [standing, setStanding] = useState<string[]>(settings.standingPartnerIds);
  const [language, setLanguage] = useState<Language>(settings.defaultLanguage);
  const [theme, setTheme] = useState<Theme>(settings.theme);
  // A joint LIVC: one municipality per line.
  const [municipalities, setMunicipalities] = useState(settings.municipalities.join('\n'));
  const [acceptsTransfers, setAcceptsTransfers] = useState(settings.acceptsTransfers);
  const [secondApproval, setSecondApproval] = useState(settings.grantsNeedSecondApproval);
  const [version, setVersion] = useState(settings.version);
  const [mfaRoles, setMfaRoles] = useState<Role[]>(settings.mfaRequiredRoles ?? []);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setVersion(settings.version), [settings.version]);
  const fields = ['name', 'standingPartnerIds', 'defaultLanguage', 'theme', 'municipalities', 'mfaRequiredRoles'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = intl.formatMessage(uiMessages.required);
    if (!standingDefault && standing.length === 0) problems.standingPartnerIds = intl.formatMessage(m.standingNone);
    setLocal(problems);
    setSaved(false);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      const next = await call(api.PATCH('/api/settings', {
        body: {
          version, name: name.trim(), standingPartnerIds: standingDefault ? null : standing, defaultLanguage: language, theme,
          municipalities: municipalities.split('\n').map((x) => x.trim()).filter(Boolean), mfaRequiredRoles: mfaRoles, acceptsTransfers, grantsNeedSecondApproval: secondApproval,
        },
      }));
      queryClient.setQueryData(['get', '/api/settings', {}], next);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/settings'] });
      setVersion(next.version);
      setStanding(next.standingPartnerIds);
      setMunicipalities(next.municipalities.join('\n'));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => setVersion((await call(api.GET('/api/settings'))).version);
  const errs = { ...fieldErrors(error, fields), ...local };
  const toggle = (id: string, on: boolean) => setStanding((s) => (on ? [...s.filter((x) => x !== id), id] : s.filter((x) => x !== id)));

  return (
    <Form onSubmit={submit} validationBehavior="aria" className="card stack">
      <ProblemNotice error={error} fields={fields} onReload={reload} />
      <TextField label={intl.formatMessage(m.settingsName)} name="name" value={name} onChange={setName} error={errs.name} isRequired maxLength={200} />
      <fieldset className="field" aria-describedby="standing-help" aria-invalid={errs.standingPartnerIds ? true : undefined}>
        <legend className="label">{intl.formatMessage(m.standing)}</legend>
        <p id="standing-help" className="hint">{intl.formatMessage(m.standingHelp)}</p>
        <Choice label={intl.formatMessage(m.standing)} value={standingDefault ? 'default' : 'chosen'}
          options={[{ id: 'default', label: intl.formatMessage(m.standingDefault) }, { id: 'chosen', label: intl.formatMessage(m.standingChosen) }]}
          onChange={(v) => setStandingDefault(v === 'default')} />
        <ul className="inline-list">
          {partners.active.map((p) => (
            <li key={p.id}>
              <Checkbox isSelected={standing.includes(p.id)} isDisabled={standingDefault} onChange={(on) => toggle(p.id, on)}>{p.name}</Checkbox>
            </li>
          ))}
        </ul>
        {errs.standingPartnerIds && <p className="error" role="alert">{errs.standingPartnerIds}</p>}
      </fieldset>
      <TextField label={intl.formatMessage(m.municipalities)} name="municipalities" value={municipalities} onChange={setMunicipalities} multiline rows={3}
        description={intl.formatMessage(m.municipalitiesHelp)} error={errs.municipalities} />
      <Choice label={intl.formatMessage(m.defaultLanguage)} value={language} onChange={setLanguage} error={errs.defaultLanguage}
        options={[{ id: 'nl-BE', label: 'Nederlands' }, { id: 'fr-BE', label: 'Français' }]} />
      <Choice label={intl.formatMessage(m.theme)} value={theme} onChange={setTheme} error={errs.theme}
        options={[{ id: 'neutral', label: intl.formatMessage(m.themeNeutral) }, { id: 'gent', label: intl.formatMessage(m.themeGent) }]} />
      <fieldset className="field" aria-describedby="mfa-roles-help">
        <legend className="label">{intl.formatMessage(am.mfaRoles)}</legend>
        <p id="mfa-roles-help" className="hint">{intl.formatMessage(am.mfaRolesHelp)}</p>
        <ul className="inline-list">
          {ROLES.map((r) => (
            <li key={r}>
              <Checkbox isSelected={mfaRoles.includes(r)} onChange={(on) => setMfaRoles((s) => (on ? [...s.filter((x) => x !== r), r] : s.filter((x) => x !== r)))}>
                {label(intl, roleLabels, r)}
              </Checkbox>
            </li>
          ))}
        </ul>
        {errs.mfaRequiredRoles && <p className="error" role="alert">{errs.mfaRequiredRoles}</p>}
      </fieldset>
      <div className="field">
        <Checkbox isSelected={acceptsTransfers} onChange={setAcceptsTransfers}>{intl.formatMessage(m.acceptsTransfers)}</Checkbox>
        <p className="hint small">{intl.formatMessage(m.acceptsTransfersHint)}</p>
      </div>
      <div className="field">
        <Checkbox isSelected={secondApproval} onChange={setSecondApproval}>{intl.formatMessage(gm.setting)}</Checkbox>
        <p className="hint small">{intl.formatMessage(gm.settingHint)}</p>
      </div>
      <div className="form-actions">
        <Button type="submit" isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
      </div>
      {saved && <p className="notice ok" role="status">{intl.formatMessage(m.saved)}</p>}
    </Form>
  );
}
