import { defineMessages } from '../i18n/messages';

export const indicatorsMessages = defineMessages({
  title: { id: 'indicators.title', defaultMessage: 'Indicatoren' },
  year: { id: 'indicators.year', defaultMessage: 'Jaar' },
  indicator: { id: 'indicators.indicator', defaultMessage: 'Indicator' },
  period: { id: 'indicators.period', defaultMessage: 'Periode' },
  overview: { id: 'indicators.overview', defaultMessage: 'Alle indicatoren voor {year}' },
  colIndicator: { id: 'indicators.col.indicator', defaultMessage: 'Indicator' },
  colValue: { id: 'indicators.col.value', defaultMessage: 'Waarde' },
  colTarget: { id: 'indicators.col.target', defaultMessage: 'Doel' },
  colMet: { id: 'indicators.col.met', defaultMessage: 'Gehaald?' },
  colBasis: { id: 'indicators.col.basis', defaultMessage: 'Telling' },
  basis: { id: 'indicators.basis', defaultMessage: '{numerator} van {denominator}' },
  met: { id: 'indicators.met', defaultMessage: 'Gehaald' },
  notMet: { id: 'indicators.notMet', defaultMessage: 'Niet gehaald' },
  noJudgement: { id: 'indicators.noJudgement', defaultMessage: 'Geen oordeel' },
  noTarget: { id: 'indicators.noTarget', defaultMessage: 'geen doel' },
  days: { id: 'indicators.days', defaultMessage: '{value} dagen' },
  yes: { id: 'indicators.yes', defaultMessage: 'ja' },
  no: { id: 'indicators.no', defaultMessage: 'nee' },
  perQuarter: { id: 'indicators.perQuarter', defaultMessage: '{indicator}: per kwartaal in {year}' },
  quarter: { id: 'indicators.quarter', defaultMessage: 'K{n}' },
  quarterLong: { id: 'indicators.quarterLong', defaultMessage: 'Kwartaal' },
  targetLine: { id: 'indicators.targetLine', defaultMessage: 'Doel' },
  value: { id: 'indicators.value', defaultMessage: 'Waarde' },
  participations: { id: 'indicators.participations', defaultMessage: 'Deelnames aan kernteamvergaderingen per partner in {year}' },
  partner: { id: 'indicators.partner', defaultMessage: 'Partner' },
  count: { id: 'indicators.count', defaultMessage: 'Aantal' },
  dossierFlow: { id: 'indicators.dossierFlow', defaultMessage: 'Dossiers per kwartaal in {year}' },
  registered: { id: 'indicators.registered', defaultMessage: 'Geregistreerd' },
  retained: { id: 'indicators.retained', defaultMessage: 'Weerhouden' },
  notRetained: { id: 'indicators.notRetained', defaultMessage: 'Niet weerhouden' },
  closed: { id: 'indicators.closed', defaultMessage: 'Afgesloten' },
  closedByReason: { id: 'indicators.closedByReason', defaultMessage: 'Afgesloten dossiers per reden in {year}' },
  reason: { id: 'indicators.reason', defaultMessage: 'Reden' },
  summarySeries: { id: 'indicators.summarySeries', defaultMessage: '{series}: {values}.' },
  summaryTarget: { id: 'indicators.summaryTarget', defaultMessage: 'Doel: {target}.' },
  summaryEmpty: { id: 'indicators.summaryEmpty', defaultMessage: 'Geen gegevens voor deze periode.' },
  chartName: { id: 'indicators.chartName', defaultMessage: 'Grafiek: {title}' },
  // Evaluator start page
  homeIndicators: { id: 'indicators.home.indicators', defaultMessage: 'Indicatoren van het plan in {year}' },
  homeNoPlan: { id: 'indicators.home.noPlan', defaultMessage: 'Er is nog geen plan.' },
  homePlan: { id: 'indicators.home.plan', defaultMessage: 'Naar het plan: {title}' },
  homeExports: { id: 'indicators.home.exports', defaultMessage: 'Recente exports' },
  homeExportsEmpty: { id: 'indicators.home.exportsEmpty', defaultMessage: 'Nog geen exports.' },
  homeAllIndicators: { id: 'indicators.home.all', defaultMessage: 'Alle indicatoren en grafieken' },
  homeAllExports: { id: 'indicators.home.allExports', defaultMessage: 'Een export aanvragen' },
});

/** The computed indicators by key (the API's own labels are for exports; the UI keeps its own in both languages). */
export const indicatorLabels = defineMessages({
  SHARED_AGREEMENTS: { id: 'indicator.SHARED_AGREEMENTS', defaultMessage: 'Aandeel besproken dossiers met gedeelde afspraken' },
  MEETINGS_HELD: { id: 'indicator.MEETINGS_HELD', defaultMessage: 'Gehouden kernteamvergaderingen' },
  PARTICIPATIONS: { id: 'indicator.PARTICIPATIONS', defaultMessage: 'Deelnames aan kernteamvergaderingen' },
  DOSSIERS_REGISTERED: { id: 'indicator.DOSSIERS_REGISTERED', defaultMessage: 'Geregistreerde dossiers' },
  DOSSIERS_RETAINED: { id: 'indicator.DOSSIERS_RETAINED', defaultMessage: 'Weerhouden dossiers' },
  DOSSIERS_NOT_RETAINED: { id: 'indicator.DOSSIERS_NOT_RETAINED', defaultMessage: 'Niet weerhouden dossiers' },
  DOSSIERS_CLOSED: { id: 'indicator.DOSSIERS_CLOSED', defaultMessage: 'Afgesloten dossiers' },
  MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION: { id: 'indicator.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', defaultMessage: 'Mediaan dagen van signaal tot eerste bespreking' },
  AGREEMENTS_DONE_ON_TIME: { id: 'indicator.AGREEMENTS_DONE_ON_TIME', defaultMessage: 'Aandeel afspraken op tijd uitgevoerd' },
  PERSON_INFORMED: { id: 'indicator.PERSON_INFORMED', defaultMessage: 'Aandeel weerhouden dossiers waarin de persoon op de hoogte werd gebracht' },
});

export const operatorLabels = defineMessages({
  GTE: { id: 'operator.GTE', defaultMessage: 'minstens {target}' },
  LTE: { id: 'operator.LTE', defaultMessage: 'hoogstens {target}' },
  EQ: { id: 'operator.EQ', defaultMessage: 'gelijk aan {target}' },
  YES_NO: { id: 'operator.YES_NO', defaultMessage: '{target}' },
});

export const operatorNames = defineMessages({
  GTE: { id: 'operatorName.GTE', defaultMessage: 'Minstens' },
  LTE: { id: 'operatorName.LTE', defaultMessage: 'Hoogstens' },
  EQ: { id: 'operatorName.EQ', defaultMessage: 'Gelijk aan' },
  YES_NO: { id: 'operatorName.YES_NO', defaultMessage: 'Ja/nee' },
});
