import { CLOSURE_REASONS } from '@kernteam/dossiers';
import type { PartnerType } from '@kernteam/partners';
import { HELD_MEETING_STATES, IndicatorKey } from './indicator-definitions';
import type { Period } from './indicator-math';

/**
 * Every computed indicator is ONE SQL statement: an aggregate over one tenant's data for one period of calendar dates in
 * Europe/Brussels. Rows are never loaded into JavaScript; each statement returns one row
 * `{ numerator, denominator, value, breakdown }` (columns it does not use are NULL).
 *
 * Parameters: $1 tenant id, $2 first day, $3 last day (inclusive), $4 an indicator's own parameter.
 *
 * Periods: an instant belongs to the Brussels calendar date it falls on, so the period is the half-open interval
 * [$2 00:00 Brussels, $3 + 1 day 00:00 Brussels). Written as a range on the raw timestamp so the indexes serve it.
 *
 * Discussions come from the view `discussions` (migrations/1763750000000), the single definition of "a discussion" and
 * of "shared agreements"; the indicator adds only the period and the held-meeting states. Its `meeting_date` is the
 * definition of the meeting's date; the equivalent range on `scheduled_at` is added so the meetings index is used.
 *
 * Lifecycle counts read `workflow_events` by event name (RETAIN, REJECT, CLOSE), so the ANONYMISE event appended by the
 * retention job, or any other event, never counts as anything.
 */

const HELD = `(${HELD_MEETING_STATES.map((s) => `'${s}'`).join(', ')})`;
const LOWER = `($2::date::timestamp AT TIME ZONE 'Europe/Brussels')`;
const UPPER = `(($3::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')`;
const inPeriod = (col: string) => `${col} >= ${LOWER} AND ${col} < ${UPPER}`;

/**
 * The tenant's held meetings in the period, straight from the index meetings_held_time. The view carries the tenant of
 * the agenda item only; naming the meetings this way lets the planner start from them instead of from every
 * meeting of the period in the country (the view's own rule is untouched: it still decides what a discussion is).
 */
const HELD_MEETINGS_IN_PERIOD = `SELECT m.id FROM meetings m WHERE m.tenant_id = $1 AND m.state IN ${HELD} AND ${inPeriod('m.scheduled_at')}`;

/**
 * A joint LIVC: only dossiers of one municipality (`m` is the placeholder of the name; '' = dossiers without one).
 * Without `m` the statement is exactly the tenant-wide one.
 */
const ofMunicipality = (dossierId: string, m: string | null) =>
  m ? ` AND EXISTS (SELECT 1 FROM dossiers dm WHERE dm.id = ${dossierId} AND dm.tenant_id = $1 AND coalesce(dm.municipality, '') = ${m}::text)` : '';

/** Discussions (view) in held meetings dated in the period. */
const discussionsInPeriod = (m: string | null) => `
  discussions d
  WHERE d.tenant_id = $1 AND d.meeting_state IN ${HELD}
    AND d.meeting_date BETWEEN $2::date AND $3::date AND ${inPeriod('d.scheduled_at')}
    AND d.meeting_id IN (${HELD_MEETINGS_IN_PERIOD})${ofMunicipality('d.dossier_id', m)}`;

/**
 * Indicators about meetings as a whole (meetings held, participations): a meeting is one of the joint LIVC, not of a
 * municipality, so they are reported in total only.
 */
export const JOINT_ONLY_INDICATORS: readonly IndicatorKey[] = ['MEETINGS_HELD', 'PARTICIPATIONS'];

const SQL: Record<IndicatorKey, (m: string | null) => string> = {
  // DESIGN.md §5: distinct dossiers with ≥ 1 discussion in the period; of those, the ones with ≥ 1 discussion with
  // shared agreements in the period.
  SHARED_AGREEMENTS: (m) => `
    SELECT count(*) FILTER (WHERE x.shared)::int AS numerator, count(*)::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM (SELECT d.dossier_id, bool_or(d.shared_agreements) AS shared FROM ${discussionsInPeriod(m)} GROUP BY d.dossier_id) x`,

  MEETINGS_HELD: (m) => `
    SELECT count(*)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM meetings m
     WHERE m.tenant_id = $1 AND m.state IN ${HELD} AND ${inPeriod('m.scheduled_at')}`,

  // Partners present at held meetings; per partner (every active partner, and any other that took part), and the sum.
  // $4: a partner type to restrict to (a plan indicator about e.g. the police), or NULL for all.
  PARTICIPATIONS: (m) => `
    WITH per AS (
      SELECT present.partner_id, count(*)::int AS n
        FROM meetings m CROSS JOIN LATERAL unnest(m.present_partner_ids) AS present(partner_id)
       WHERE m.tenant_id = $1 AND m.state IN ${HELD} AND ${inPeriod('m.scheduled_at')}
       GROUP BY present.partner_id)
    SELECT coalesce(sum(per.n), 0)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value,
           coalesce(json_agg(json_build_object('key', p.id, 'partnerType', p.type, 'name', p.name, 'count', coalesce(per.n, 0))
                             ORDER BY p.name, p.id) FILTER (WHERE p.active OR per.n IS NOT NULL), '[]'::json) AS breakdown
      FROM partners p LEFT JOIN per ON per.partner_id = p.id
     WHERE p.tenant_id = $1 AND ($4::text IS NULL OR p.type = $4::text)`,

  // Dossiers registered in the period, by the day the signal came in (received_on, a Brussels date), not the day it was
  // entered: a signal of 31 December entered on 3 January belongs to the old year. Anonymisation keeps received_on.
  DOSSIERS_REGISTERED: (m) => `
    SELECT count(*)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM dossiers d
     WHERE d.tenant_id = $1 AND d.received_on BETWEEN $2::date AND $3::date${m ? ` AND coalesce(d.municipality, '') = ${m}::text` : ''}`,

  DOSSIERS_RETAINED: (m) => `
    SELECT count(DISTINCT we.entity_id)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM workflow_events we
     WHERE we.tenant_id = $1 AND we.entity_type = 'Dossier' AND we.event = 'RETAIN' AND ${inPeriod('we.at')}${ofMunicipality('we.entity_id', m)}`,

  DOSSIERS_NOT_RETAINED: (m) => `
    SELECT count(DISTINCT we.entity_id)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM workflow_events we
     WHERE we.tenant_id = $1 AND we.entity_type = 'Dossier' AND we.event = 'REJECT' AND ${inPeriod('we.at')}${ofMunicipality('we.entity_id', m)}`,

  // Dossiers closed in the period (once each, with the reason of their last closure in it), by closure reason.
  // $4: the closure reason codes, in display order; a reason outside them (never written by the machine) counts as ANDERE.
  DOSSIERS_CLOSED: (m) => `
    WITH closes AS (
      SELECT DISTINCT ON (we.entity_id) we.entity_id,
             CASE WHEN we.reason = ANY($4::text[]) THEN we.reason ELSE 'ANDERE' END AS reason
        FROM workflow_events we
       WHERE we.tenant_id = $1 AND we.entity_type = 'Dossier' AND we.event = 'CLOSE' AND ${inPeriod('we.at')}${ofMunicipality('we.entity_id', m)}
       ORDER BY we.entity_id, we.at DESC, we.seq DESC),
    per AS (SELECT reason, count(*)::int AS n FROM closes GROUP BY reason)
    SELECT (SELECT count(*) FROM closes)::int AS numerator, NULL::int AS denominator, NULL::float8 AS value,
           (SELECT json_agg(json_build_object('key', r.code, 'count', coalesce(per.n, 0)) ORDER BY r.ord)
              FROM unnest($4::text[]) WITH ORDINALITY AS r(code, ord) LEFT JOIN per ON per.reason = r.code) AS breakdown`,

  // Dossiers whose first discussion ever (in a held meeting) falls in the period: the median number of days from the
  // signal (received_on) to that first discussion, over `denominator` dossiers.
  MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION: (m) => `
    WITH in_period AS (SELECT DISTINCT d.dossier_id FROM ${discussionsInPeriod(m)}),
    firsts AS (
      SELECT d.dossier_id, min(d.meeting_date) AS first_date
        FROM discussions d JOIN in_period ip ON ip.dossier_id = d.dossier_id
       WHERE d.tenant_id = $1 AND d.meeting_state IN ${HELD}
       GROUP BY d.dossier_id
      HAVING min(d.meeting_date) >= $2::date)
    SELECT NULL::int AS numerator, count(*)::int AS denominator,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY (f.first_date - ds.received_on))::float8 AS value, NULL::json AS breakdown
      FROM firsts f JOIN dossiers ds ON ds.id = f.dossier_id AND ds.tenant_id = $1`,

  // Agreements made in held discussions and due in the period, once their due date has passed or they were carried
  // out (an agreement not yet due is not judged yet); carried out by the due date = UITGEVOERD with done_on ≤ due_on.
  // A lapsed agreement (VERVALLEN: its dossier was closed first) is left out: nobody could still carry it out.
  AGREEMENTS_DONE_ON_TIME: (m) => `
    SELECT count(*) FILTER (WHERE a.state = 'UITGEVOERD' AND a.done_on <= a.due_on)::int AS numerator, count(*)::int AS denominator,
           NULL::float8 AS value, NULL::json AS breakdown
      FROM agreements a JOIN discussions d ON d.agenda_item_id = a.agenda_item_id AND d.tenant_id = $1
     WHERE a.tenant_id = $1 AND a.due_on BETWEEN $2::date AND $3::date AND d.meeting_state IN ${HELD} AND a.state <> 'VERVALLEN'
       AND (a.due_on < (now() AT TIME ZONE 'Europe/Brussels')::date OR (a.state = 'UITGEVOERD' AND a.done_on <= a.due_on))${ofMunicipality('a.dossier_id', m)}`,

  // Dossiers retained (a RETAIN event) in the period; of those, the ones whose person was informed of the casework on
  // or before the period's last day. The awareness machine never leaves INFORMED, and anonymisation keeps its state and
  // date (only the free-text explanation of NOT_INFORMED goes), so the figure never changes afterwards.
  PERSON_INFORMED: (m) => `
    WITH retained AS (
      SELECT DISTINCT we.entity_id FROM workflow_events we
       WHERE we.tenant_id = $1 AND we.entity_type = 'Dossier' AND we.event = 'RETAIN' AND ${inPeriod('we.at')}${ofMunicipality('we.entity_id', m)})
    SELECT count(aw.id)::int AS numerator, count(*)::int AS denominator, NULL::float8 AS value, NULL::json AS breakdown
      FROM retained r
      LEFT JOIN dossier_awareness aw ON aw.id = r.entity_id AND aw.tenant_id = $1 AND aw.state = 'INFORMED' AND aw.informed_on <= $3::date`,
};

export interface IndicatorParams {
  /** PARTICIPATIONS only: count the partners of this type. */
  partnerType?: PartnerType | null;
  /**
   * A joint LIVC: only dossiers of this municipality ('' = dossiers that name none). Not for JOINT_ONLY_INDICATORS.
   * Undefined or null: the whole tenant.
   */
  municipality?: string | null;
}

export interface IndicatorQuery { sql: string; values: unknown[] }

/** The one statement computing `key` for a tenant and a period, with its positional parameters. */
export function indicatorQuery(key: IndicatorKey, tenantId: string, period: Period, params: IndicatorParams = {}): IndicatorQuery {
  const values: unknown[] = [tenantId, period.from, period.to];
  if (key === 'PARTICIPATIONS') values.push(params.partnerType ?? null);
  if (key === 'DOSSIERS_CLOSED') values.push([...CLOSURE_REASONS]);
  let m: string | null = null;
  if (params.municipality !== undefined && params.municipality !== null) {
    if (JOINT_ONLY_INDICATORS.includes(key)) throw new Error(`${key} is reported for the whole LIVC only`);
    values.push(params.municipality);
    m = `$${values.length}`;
  }
  return { sql: SQL[key](m), values };
}

/** The row every indicator statement returns. */
export interface IndicatorRow {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  breakdown: { key: string; count: number; partnerType?: PartnerType; name?: string }[] | null;
}
