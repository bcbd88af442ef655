import { useQueries } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useSettings } from '../api/referenceData';
import type { components } from '../api/schema';
import { closureReasonLabels, label } from '../i18n/labels';
import { Allowed } from '../layout/access';
import { Page } from '../ui/Page';
import { ErrorState, Loading } from '../ui/States';
import { Chart, type ChartSeries } from './Chart';
import { INDICATOR_KEYS, type IndicatorKey, MEASURE, useIndicatorFormat } from './indicatorFormat';
import { indicatorsMessages as m } from './indicators.messages';
import { MetBadge } from './MetBadge';
import { PlainSelect } from './PlainSelect';
import { currentYear, quartersOf } from './period';

type Result = components['schemas']['IndicatorResult'];
const route = getRouteApi('/app/indicators');
const YEARS_BACK = 5;

export function IndicatorsPage() {
  return (
    <Allowed action="read" subject="Indicator">
      <Indicators />
    </Allowed>
  );
}

const byKey = (list: Result[] | undefined, key: IndicatorKey) => list?.find((r) => r.key === key);

function Indicators() {
  const intl = useIntl();
  const fmt = useIndicatorFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const thisYear = currentYear();
  const year = search.year ?? thisYear;
  const indicator = search.indicator ?? 'SHARED_AGREEMENTS';
  // A joint LIVC: every figure for one municipality, or (none chosen) the whole LIVC with a table per municipality.
  const municipalities = useSettings()?.municipalities ?? [];
  const joint = municipalities.length > 1;
  const municipality = joint && search.municipality && municipalities.includes(search.municipality) ? search.municipality : undefined;
  const only = municipality ? { municipality } : {};
  const yearQ = $api.useQuery('get', '/api/indicators', { params: { query: { from: `${year}-01-01`, to: `${year}-12-31`, ...only } } });
  const quarters = quartersOf(year);
  const perQuarter = useQueries({
    queries: quarters.map((q) => $api.queryOptions('get', '/api/indicators', { params: { query: { from: q.from, to: q.to, ...only } } })),
  });
  const quarterNames = quarters.map((q) => intl.formatMessage(m.quarter, { n: q.n }));
  const quarterLoading = perQuarter.some((q) => q.isPending);
  const quarterError = perQuarter.find((q) => q.error)?.error;
  const quarterData = perQuarter.map((q) => q.data);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);

  const measure = MEASURE[indicator];
  const format = useCallback((v: number | null) => fmt.value(v, measure), [fmt, measure]);
  const count = useCallback((v: number | null) => (v == null ? '—' : intl.formatNumber(v)), [intl]);
  const yearResult = byKey(yearQ.data, indicator);
  const selectedSeries: ChartSeries[] = useMemo(
    () => [{ name: fmt.name(indicator), values: quarterData.map((d) => byKey(d, indicator)?.value ?? null) }],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [indicator, quarterLoading, year, intl.locale, municipality],
  );
  const flowKeys = [
    ['DOSSIERS_REGISTERED', m.registered], ['DOSSIERS_RETAINED', m.retained], ['DOSSIERS_NOT_RETAINED', m.notRetained], ['DOSSIERS_CLOSED', m.closed],
  ] as const;
  const flowSeries: ChartSeries[] = useMemo(
    () => flowKeys.map(([k, msg]) => ({ name: intl.formatMessage(msg), values: quarterData.map((d) => byKey(d, k)?.value ?? null) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [quarterLoading, year, intl.locale, municipality],
  );
  const participations = byKey(yearQ.data, 'PARTICIPATIONS')?.breakdown ?? [];
  const closures = byKey(yearQ.data, 'DOSSIERS_CLOSED')?.breakdown ?? [];
  const target = yearResult?.target != null ? { value: yearResult.target, label: intl.formatMessage(m.targetLine) } : null;
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch }) });

  return (
    <Page title={intl.formatMessage(m.title)}>
      <div role="search" className="filters" aria-label={intl.formatMessage(m.period)}>
        <PlainSelect label={intl.formatMessage(m.year)} options={years.map((y) => ({ id: String(y), label: String(y) }))} value={String(year)}
          onChange={(v) => set({ year: Number(v) !== thisYear ? Number(v) : undefined })} />
        <PlainSelect label={intl.formatMessage(m.indicator)} options={INDICATOR_KEYS.map((k) => ({ id: k, label: fmt.name(k) }))} value={indicator}
          onChange={(v) => set({ indicator: v as IndicatorKey })} />
        {joint && (
          <PlainSelect label={intl.formatMessage(m.municipality)} value={municipality ?? ''}
            options={[{ id: '', label: intl.formatMessage(m.allMunicipalities) }, ...municipalities.map((x) => ({ id: x, label: x }))]}
            onChange={(v) => set({ municipality: v || undefined })} />
        )}
      </div>
      {municipality && <p className="notice info" role="status">{intl.formatMessage(m.municipalityOnly, { municipality })}</p>}
      {quarterError ? <ErrorState error={quarterError} /> : quarterLoading ? <Loading /> : (
        <div className="stack">
          <Chart id="chart-quarter" title={intl.formatMessage(m.perQuarter, { indicator: fmt.name(indicator), year })} categoryLabel={intl.formatMessage(m.quarterLong)}
            categories={quarterNames} series={selectedSeries} type={measure === 'COUNT' ? 'bar' : 'line'} target={target} format={format} />
          <Chart id="chart-flow" title={intl.formatMessage(m.dossierFlow, { year })} categoryLabel={intl.formatMessage(m.quarterLong)}
            categories={quarterNames} series={flowSeries} format={count} />
        </div>
      )}
      {yearQ.isPending ? <Loading /> : yearQ.isError ? <ErrorState error={yearQ.error} onRetry={() => void yearQ.refetch()} /> : (
        <div className="stack">
          <Chart id="chart-participations" title={intl.formatMessage(m.participations, { year })} categoryLabel={intl.formatMessage(m.partner)}
            categories={participations.map((c) => c.name ?? c.key)} series={[{ name: intl.formatMessage(m.count), values: participations.map((c) => c.count) }]} format={count} />
          <Chart id="chart-closures" title={intl.formatMessage(m.closedByReason, { year })} categoryLabel={intl.formatMessage(m.reason)}
            categories={closures.map((c) => label(intl, closureReasonLabels, c.key))} series={[{ name: intl.formatMessage(m.count), values: closures.map((c) => c.count) }]} format={count} />
          <section className="card" aria-labelledby="indicators-overview">
            <h2 id="indicators-overview">{intl.formatMessage(m.overview, { year })}</h2>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{intl.formatMessage(m.colIndicator)}</th>
                    <th scope="col">{intl.formatMessage(m.colValue)}</th>
                    <th scope="col">{intl.formatMessage(m.colBasis)}</th>
                    <th scope="col">{intl.formatMessage(m.colTarget)}</th>
                    <th scope="col">{intl.formatMessage(m.colMet)}</th>
                  </tr>
                </thead>
                <tbody>
                  {yearQ.data.filter((r) => r.scope !== 'NONE').map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{fmt.name(r.key)}</th>
                      <td>{fmt.value(r.value, MEASURE[r.key])}</td>
                      <td>{r.denominator != null && r.numerator != null ? intl.formatMessage(m.basis, { numerator: r.numerator, denominator: r.denominator }) : '—'}</td>
                      <td>{r.target != null ? fmt.value(r.target, MEASURE[r.key]) : fmt.target(null, null, 'COUNT')}</td>
                      <td><MetBadge met={r.met} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {joint && !municipality && <PerMunicipality year={year} municipalities={municipalities} />}
        </div>
      )}
    </Page>
  );
}

/** A joint LIVC: every dossier indicator of the year per municipality, beside the total (meetings are the LIVC's own). */
function PerMunicipality({ year, municipalities }: { year: number; municipalities: string[] }) {
  const intl = useIntl();
  const fmt = useIndicatorFormat();
  const q = $api.useQuery('get', '/api/indicators', { params: { query: { from: `${year}-01-01`, to: `${year}-12-31`, by: 'municipality' } } });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data;
  const none = rows.some((r) => r.scope === 'NONE');
  const cell = (key: IndicatorKey, scope: string, m?: string | null) => rows.find((r) => r.key === key && r.scope === scope && (scope !== 'MUNICIPALITY' || r.municipality === m));
  const keys = INDICATOR_KEYS.filter((k) => rows.some((r) => r.key === k && r.scope === 'MUNICIPALITY'));
  const show = (r: Result | undefined) => {
    if (!r) return '—';
    const v = fmt.value(r.value, MEASURE[r.key]);
    return r.numerator != null && r.denominator != null ? `${v} (${intl.formatMessage(m.basis, { numerator: r.numerator, denominator: r.denominator })})` : v;
  };
  return (
    <section className="card" aria-labelledby="indicators-municipalities">
      <h2 id="indicators-municipalities">{intl.formatMessage(m.perMunicipality, { year })}</h2>
      <p className="muted small">{intl.formatMessage(m.perMunicipalityHint)}</p>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.colIndicator)}</th>
              {municipalities.map((x) => <th scope="col" key={x}>{x}</th>)}
              {none && <th scope="col">{intl.formatMessage(m.noMunicipality)}</th>}
              <th scope="col">{intl.formatMessage(m.total)}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">{fmt.name(k)}</th>
                {municipalities.map((x) => <td key={x}>{show(cell(k, 'MUNICIPALITY', x))}</td>)}
                {none && <td>{show(cell(k, 'NONE'))}</td>}
                <td>{show(cell(k, 'TOTAL'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
