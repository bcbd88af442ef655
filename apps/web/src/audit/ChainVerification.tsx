import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat } from '../i18n/format';
import { Button } from '../ui/Button';
import { ErrorState } from '../ui/States';
import { auditMessages as m } from './audit.messages';

/**
 * The hash chain's check (`GET /api/audit/verify`): intact or not, how many rows, and where it first breaks. `auto`
 * checks on arrival (the auditor's start page); otherwise it waits for the button, since each check walks the whole trail.
 */
export function ChainVerification({ auto = false, headingLevel = 2 }: { auto?: boolean; headingLevel?: 2 | 3 }) {
  const intl = useIntl();
  const f = useFormat();
  const verify = $api.useQuery('get', '/api/audit/verify', {}, { enabled: auto, staleTime: 5 * 60_000 });
  const H = `h${headingLevel}` as const;
  const r = verify.data;
  return (
    <section className="card" aria-labelledby="chain-title">
      <H id="chain-title">{intl.formatMessage(m.chainTitle)}</H>
      <p className="muted small">{intl.formatMessage(m.chainExplain)}</p>
      <div aria-live="polite">
        {verify.isFetching ? (
          <p role="status" className="muted">{intl.formatMessage(m.chainVerifying)}</p>
        ) : verify.isError ? (
          <ErrorState error={verify.error} />
        ) : r ? (
          <div className={`notice ${r.valid ? 'ok' : 'danger'}`} data-testid="chain-result">
            <p>
              <span aria-hidden="true">{r.valid ? '✓ ' : '✕ '}</span>
              {r.valid
                ? intl.formatMessage(m.chainValid, { checked: r.checked })
                : intl.formatMessage(m.chainBroken, { checked: r.checked, seq: r.brokenAt ?? '?' })}
            </p>
            <p className="small muted">{intl.formatMessage(m.chainCheckedAt, { at: f.dateTime(new Date(verify.dataUpdatedAt).toISOString()) })}</p>
          </div>
        ) : null}
      </div>
      <Button variant="secondary" onPress={() => void verify.refetch()} isDisabled={verify.isFetching}>{intl.formatMessage(m.chainVerify)}</Button>
    </section>
  );
}
