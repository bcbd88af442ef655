import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat } from '../i18n/format';
import { label } from '../i18n/labels';
import { ExportStateBadge } from '../exports/ExportStateBadge';
import { exportFormatLabels } from '../exports/exports.messages';
import { WorkList } from '../home/WorkList';
import { useIndicatorFormat } from './indicatorFormat';
import { indicatorsMessages as m } from './indicators.messages';
import { MetBadge } from './MetBadge';
import { currentYear } from './period';

/** The evaluator's start page: this year's plan indicators against their targets, the plan, the latest exports. */
export function EvaluatorHome() {
  const intl = useIntl();
  const f = useFormat();
  const fmt = useIndicatorFormat();
  const year = currentYear();
  const plans = $api.useQuery('get', '/api/plans', { params: { query: { pageSize: 1 } } });
  const plan = plans.data?.items[0];
  const report = $api.useQuery('get', '/api/plans/{id}/report', { params: { path: { id: plan?.id ?? '' }, query: { year: String(year) } } }, { enabled: !!plan });
  const exports = $api.useQuery('get', '/api/exports', { params: { query: { pageSize: 5 } } });
  return (
    <div className="grid-2 home-grid">
      <WorkList id="home-indicators" title={intl.formatMessage(m.homeIndicators, { year })} loading={plans.isLoading || report.isLoading}
        error={plans.error ?? report.error} empty={intl.formatMessage(m.homeNoPlan)}
        more={<p className="small">{plan && <><Link to="/plans/$id" params={{ id: plan.id }} search={{ year }}>{intl.formatMessage(m.homePlan, { title: plan.title })}</Link> · </>}<Link to="/indicators">{intl.formatMessage(m.homeAllIndicators)}</Link></p>}>
        {(report.data?.indicators ?? []).map((r) => {
          const measure = fmt.measureOf(r.definitionKey, r.operator);
          return (
            <li key={r.nodeId}>
              <span>{r.title}</span>
              <br />
              <strong>{fmt.value(r.value, measure)}</strong> <span className="muted">({fmt.target(r.operator, r.target, measure)})</span> <MetBadge met={r.met} />
            </li>
          );
        })}
      </WorkList>
      <WorkList id="home-exports" title={intl.formatMessage(m.homeExports)} loading={exports.isLoading} error={exports.error} empty={intl.formatMessage(m.homeExportsEmpty)}
        more={<p className="small"><Link to="/exports">{intl.formatMessage(m.homeAllExports)}</Link></p>}>
        {(exports.data?.items ?? []).map((e) => (
          <li key={e.id}>
            {label(intl, exportFormatLabels, e.format)} · {f.date(e.from)} – {f.date(e.to)} <ExportStateBadge state={e.state} />
            {e.fileAvailable && e.fileName && <> · <a href={`/api/exports/${e.id}/file`} download={e.fileName}>{e.fileName}</a></>}
          </li>
        ))}
      </WorkList>
    </div>
  );
}
