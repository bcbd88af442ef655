import { useEffect, useRef } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// @ts-expect-error echarts ships its locale objects without type declarations
import langNL from 'echarts/i18n/langNL-obj';
// @ts-expect-error see above
import langFR from 'echarts/i18n/langFR-obj';
import { indicatorsMessages as m } from './indicators.messages';

// Only the parts the charts use (bundle size); SVG rather than canvas: sharp at any zoom, and its text is real text.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, AriaComponent, SVGRenderer]);
echarts.registerLocale('NL', langNL);
echarts.registerLocale('FR', langFR);

export interface ChartSeries { name: string; values: (number | null)[] }

interface Props {
  id: string;
  title: string;
  /** The heading of the table's first column (what the categories are: quarter, partner, reason). */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
  type?: 'bar' | 'line';
  target?: { value: number; label: string } | null;
  /** How a value reads (a share in %, a count, days). */
  format: (v: number | null) => string;
}

/**
 * One chart of the indicators: the ECharts picture (with its own aria description), a text summary and a real table of
 * the same numbers, so nothing is told by the picture alone. Every chart of the UI goes through here.
 */
export function Chart({ id, title, categoryLabel, categories, series, type = 'bar', target, format }: Props) {
  const intl = useIntl();
  const ref = useRef<HTMLDivElement>(null);
  const locale = intl.locale.startsWith('fr') ? 'FR' : 'NL';
  const summary = chartSummary(intl, categories, series, target, format);
  const name = intl.formatMessage(m.chartName, { title });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', locale });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [locale]);

  useEffect(() => {
    const el = ref.current;
    const chart = el && echarts.getInstanceByDom(el);
    if (!chart) return;
    chart.setOption({
      // ECharts' own description reads raw data indexes ("K1 zijn 0, NaN"); ours is the summary people read below.
      aria: { enabled: true, decal: { show: true }, label: { description: `${name}. ${summary}` } },
      animation: false,
      // A tooltip drawn in the SVG (rich text), not HTML with inline styles the CSP would refuse.
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: unknown) => format(typeof v === 'number' ? v : null) },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 24, top: series.length > 1 ? 40 : 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, width: 120, overflow: 'break' } },
      // The axis reaches the target, so its line is always drawn (a 50 % share against 80 % would leave it off the chart).
      yAxis: { type: 'value', max: target ? (e: { max: number }) => Math.max(e.max, target.value) : undefined, axisLabel: { formatter: (v: number) => format(v) } },
      series: series.map((s, i) => ({
        type, name: s.name, data: s.values,
        ...(i === 0 && target ? {
          markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', width: 2 }, label: { formatter: `${target.label}: ${format(target.value)}` }, data: [{ yAxis: target.value }] },
        } : {}),
      })),
    }, { notMerge: true });
  }, [categories, series, target, type, format, locale, name, summary]);

  return (
    <section className="card chart-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div ref={ref} className="chart" role="img" aria-label={`${name}. ${summary}`} />
      <p className="chart-summary small">{summary}</p>
      <div className="table-scroll">
        <table className="data">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
              {target && <th scope="col">{target.label}</th>}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => <td key={s.name}>{format(s.values[i] ?? null)}</td>)}
                {target && <td>{format(target.value)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The chart in one or two sentences: each series' values by category, and the target. */
export function chartSummary(
  intl: IntlShape,
  categories: string[], series: ChartSeries[], target: Props['target'], format: Props['format'],
): string {
  if (!categories.length || !series.length) return intl.formatMessage(m.summaryEmpty);
  const parts = series.map((s) => intl.formatMessage(m.summarySeries, {
    series: s.name, values: String(intl.formatList(categories.map((c, i) => `${c} ${format(s.values[i] ?? null)}`), { type: 'unit' })),
  }));
  if (target) parts.push(intl.formatMessage(m.summaryTarget, { target: format(target.value) }));
  return parts.join(' ');
}
