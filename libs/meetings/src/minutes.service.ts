import { Injectable } from '@nestjs/common';
import { Actor, AppAbility } from '@kernteam/access';
import { AGREEMENT_OPEN_STATES, AGREEMENT_SELECT, AgreementRow } from '@kernteam/agreements';
import { AuditService } from '@kernteam/audit';
import { brusselsDate } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { MeetingsService } from './meetings.service';
import { renderMinutesPdf } from './minutes.pdf';
import { AGREEMENT_STATE_LABELS, CONFIDENTIALITY, Minutes, MINUTES_TITLE, MinutesPartner, OUTCOME_LABELS } from './minutes.view';

/** The minutes of a meeting, generated from its record: JSON for the web UI, PDF for the archive. */
@Injectable()
export class MinutesService {
  constructor(private readonly db: TenantDb, private readonly meetings: MeetingsService, private readonly audit: AuditService) {}

  async json(actor: Actor, ability: AppAbility, id: string): Promise<Minutes> {
    return this.build(actor, ability, id, 'json');
  }

  async pdf(actor: Actor, ability: AppAbility, id: string): Promise<{ minutes: Minutes; pdf: Buffer }> {
    const minutes = await this.build(actor, ability, id, 'pdf');
    return { minutes, pdf: await renderMinutesPdf(minutes) };
  }

  private async build(actor: Actor, ability: AppAbility, id: string, format: 'json' | 'pdf'): Promise<Minutes> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.meetings.visible(em, actor, ability, id);
      const items = await this.meetings.items(em, ability, id);
      const partners: MinutesPartner[] = await em.query(`SELECT id, name, type FROM partners WHERE tenant_id = $1 ORDER BY name`, [actor.tenantId]);
      const byId = new Map(partners.map((p) => [p.id, p]));
      const name = (pid: string) => byId.get(pid)?.name ?? pid;
      const present = m.present_partner_ids ?? [];
      const [chair] = m.chair_user_id ? await em.query(`SELECT id, name FROM users WHERE id = $1`, [m.chair_user_id]) : [];
      // Open agreements of these dossiers agreed at earlier meetings: the follow-up the kernteam reviews. Only of dossiers
      // the reader may open: a partner that merely heard an item did not hear what was agreed at meetings before.
      const dossierIds = [...new Set(items.filter((i) => i.dossierVisible).map((i) => i.dossierId))];
      const reviewed: (AgreementRow & { agreed_at: Date })[] = dossierIds.length
        ? await em.query(
          `SELECT x.*, pm.scheduled_at AS agreed_at FROM (${AGREEMENT_SELECT}) x JOIN meetings pm ON pm.id = x.meeting_id
            WHERE x.dossier_id = ANY($1::uuid[]) AND x.state = ANY($4::text[]) AND pm.scheduled_at < $2 AND pm.id <> $3
            ORDER BY x.due_on, x.id`,
          [dossierIds, m.scheduled_at, id, [...AGREEMENT_OPEN_STATES]],
        )
        : [];
      const minutes: Minutes = {
        meetingId: m.id,
        state: m.state,
        draft: m.state !== 'VERSLAG_GOEDGEKEURD',
        title: MINUTES_TITLE,
        date: brusselsDate(new Date(m.scheduled_at)),
        scheduledAt: new Date(m.scheduled_at).toISOString(),
        location: m.location,
        chair: chair ? { userId: chair.id, name: chair.name } : null,
        presentPartners: present.map((p) => byId.get(p)).filter((p): p is MinutesPartner => !!p),
        absentPartners: subject.expectedPartnerIds.filter((p) => !present.includes(p)).map((p) => byId.get(p)!).filter(Boolean)
          .sort((a, b) => a.name.localeCompare(b.name)),
        confidentiality: CONFIDENTIALITY,
        items: items.map((i) => ({
          position: i.position,
          agendaItemId: i.id,
          dossierId: i.dossierId,
          dossierReference: i.dossierReference,
          dossierVisible: i.dossierVisible,
          outcome: i.outcome,
          outcomeLabel: i.outcome ? OUTCOME_LABELS[i.outcome] : null,
          summary: i.summary,
          sharedAgreements: i.sharedAgreements,
          agreements: i.agreements.map((a) => ({
            id: a.id, description: a.description, responsiblePartnerId: a.responsiblePartnerId, responsiblePartnerName: name(a.responsiblePartnerId),
            dueOn: a.dueOn, state: a.state, stateLabel: AGREEMENT_STATE_LABELS[a.state],
          })),
          endorsements: i.endorsements.map((e) => ({ ...e, partnerName: name(e.partnerId) })),
        })),
        reviewedAgreements: reviewed.map((a) => ({
          id: a.id, dossierReference: a.dossier_reference, description: a.description, responsiblePartnerId: a.responsible_partner_id,
          responsiblePartnerName: name(a.responsible_partner_id), dueOn: a.due_on, state: a.state, stateLabel: AGREEMENT_STATE_LABELS[a.state],
          agreedOn: brusselsDate(new Date(a.agreed_at)), overdue: a.overdue,
        })),
        approval: m.minutes_approved_at ? { approvedAt: new Date(m.minutes_approved_at).toISOString(), approvedBy: m.minutes_approved_by } : null,
        generatedAt: new Date().toISOString(),
      };
      await this.audit.record(em, actor, 'meeting.minutes.read', { type: 'Meeting', id: id }, { format, items: items.length });
      return minutes;
    });
  }
}
