import { useIntl } from 'react-intl';
import { label } from '../i18n/labels';
import { useFormat } from '../i18n/format';
import { indicatorLabels, indicatorsMessages as m, operatorLabels } from './indicators.messages';

export const INDICATOR_KEYS = [
  'SHARED_AGREEMENTS', 'MEETINGS_HELD', 'PARTICIPATIONS', 'DOSSIERS_REGISTERED', 'DOSSIERS_RETAINED', 'DOSSIERS_NOT_RETAINED', 'DOSSIERS_CLOSED',
  'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', 'AGREEMENTS_DONE_ON_TIME', 'PERSON_INFORMED',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type Measure = 'RATIO' | 'COUNT' | 'MEDIAN';

/** How each computed indicator is measured (libs/indicators/indicator-definitions.ts). */
export const MEASURE: Record<IndicatorKey, Measure> = {
  SHARED_AGREEMENTS: 'RATIO', MEETINGS_HELD: 'COUNT', PARTICIPATIONS: 'COUNT', DOSSIERS_REGISTERED: 'COUNT', DOSSIERS_RETAINED: 'COUNT',
  DOSSIERS_NOT_RETAINED: 'COUNT', DOSSIERS_CLOSED: 'COUNT', MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION: 'MEDIAN', AGREEMENTS_DONE_ON_TIME: 'RATIO',
  PERSON_INFORMED: 'RATIO',
};

export const isIndicatorKey = (v: unknown): v is IndicatorKey => typeof v === 'string' && (INDICATOR_KEYS as readonly string[]).includes(v);

/** Values and targets as people read them: a share in %, a median in days, a yes/no as ja/nee, a count as a number. */
export function useIndicatorFormat() {
  const intl = useIntl();
  const f = useFormat();
  const measureOf = (key: string | null | undefined, operator?: string | null): Measure | 'YES_NO' =>
    operator === 'YES_NO' ? 'YES_NO' : isIndicatorKey(key) ? MEASURE[key] : 'COUNT';
  const value = (v: number | null | undefined, measure: Measure | 'YES_NO') => {
    if (v == null) return '—';
    if (measure === 'RATIO') return f.percent(v);
    if (measure === 'YES_NO') return intl.formatMessage(v === 1 ? m.yes : m.no);
    if (measure === 'MEDIAN') return intl.formatMessage(m.days, { value: intl.formatNumber(v, { maximumFractionDigits: 1 }) });
    return intl.formatNumber(v);
  };
  const target = (operator: string | null | undefined, t: number | null | undefined, measure: Measure | 'YES_NO') =>
    operator && t != null ? intl.formatMessage(operatorLabels[operator as keyof typeof operatorLabels] ?? operatorLabels.EQ, { target: value(t, measure) }) : intl.formatMessage(m.noTarget);
  const name = (key: string) => label(intl, indicatorLabels, key);
  return { measureOf, value, target, name };
}
