import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import { useFormat } from '../i18n/format';
import { Allowed } from '../layout/access';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { ErrorState, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { auditMessages as m } from './audit.messages';
import { AuditActor } from './AuditActor';
import { AuditAction, AuditOutcome } from './AuditOutcome';

const route = getRouteApi('/app/audit/access-log');
const PAGE_SIZE = 50;

export function AccessLogPage() {
  return (
    <Allowed action="read" subject="AuditEvent">
      <AccessLog />
    </Allowed>
  );
}

/**
 * "Who saw this dossier, and when", for the DPO, who may not open dossiers: looked up by the dossier's pseudonymous
 * reference. The answer names people, partners, actions and outcomes, never anything of the dossier itself.
 */
function AccessLog() {
  const intl = useIntl();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const reference = search.reference;
  const log = $api.useQuery('get', '/api/audit/access-log', { params: { query: { reference: reference ?? '', page, pageSize: PAGE_SIZE } } }, { enabled: !!reference });
  const status = isProblem(log.error) ? log.error.status : 0;
  const refError = status === 400 ? fieldErrors(log.error).reference ?? intl.formatMessage(m.referenceHint) : status === 404 ? intl.formatMessage(m.accessUnknown, { reference }) : undefined;

  return (
    <Page title={intl.formatMessage(m.accessTitle)} lead={intl.formatMessage(m.accessLead)}
      actions={<Link to="/audit" className="btn secondary">{intl.formatMessage(m.toTrail)}</Link>}>
      <ReferenceForm key={reference ?? ''} initial={reference ?? ''} error={refError} onLookUp={(r) => void navigate({ search: { reference: r || undefined } })} />
      {!reference ? null : log.isPending ? <Loading /> : log.isError ? (refError ? null : <ErrorState error={log.error} onRetry={() => void log.refetch()} />) : (
        <section aria-labelledby="access-for">
          <h2 id="access-for">{intl.formatMessage(m.accessFor, { reference })}</h2>
          {log.data.items.length === 0 ? <p className="empty">{intl.formatMessage(m.accessNone)}</p> : (
            <>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{intl.formatMessage(m.colAt)}</th>
                    <th scope="col">{intl.formatMessage(m.colActor)}</th>
                    <th scope="col">{intl.formatMessage(m.colPartner)}</th>
                    <th scope="col">{intl.formatMessage(m.colAction)}</th>
                    <th scope="col">{intl.formatMessage(m.colOutcome)}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((r) => (
                    <tr key={r.id}>
                      <td>{f.dateTime(r.at)}</td>
                      <td><AuditActor name={r.actorName} /></td>
                      <td>{r.partnerName ?? '—'}</td>
                      <td><AuditAction action={r.action} /></td>
                      <td><AuditOutcome outcome={r.outcome} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={(p) => void navigate({ search: { reference, page: p > 1 ? p : undefined } })} />
            </>
          )}
        </section>
      )}
    </Page>
  );
}

function ReferenceForm({ initial, error, onLookUp }: { initial: string; error?: string; onLookUp: (reference: string) => void }) {
  const intl = useIntl();
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onLookUp(value.trim().toUpperCase());
  };
  return (
    <form role="search" aria-label={intl.formatMessage(m.accessTitle)} className="filters" onSubmit={submit}>
      <TextField label={intl.formatMessage(m.reference)} description={intl.formatMessage(m.referenceHint)} value={value} onChange={setValue}
        error={error} maxLength={40} isRequired />
      <Button type="submit">{intl.formatMessage(m.lookUp)}</Button>
    </form>
  );
}
