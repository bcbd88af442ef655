import type { Contribution, Dossier, Subject } from './dossier.entity';
import type { ReferredTo } from './dossier.machine';

export interface SubjectView {
  firstName: string | null; lastName: string | null; birthDate: string | null; gender: string | null; municipality: string | null;
}

export interface DossierView {
  id: string; reference: string; phenomenon: string; state: string; version: number; receivedOn: string;
  referringPartnerId: string; casemanagerId: string | null; involvedPartnerIds: string[]; summary: string | null;
  closureReason: string | null; subject?: SubjectView; allowedEvents: string[]; createdAt: string; updatedAt: string;
}

export interface HistoryEntry {
  seq: number; event: string; fromState: string | null; toState: string; actorId: string | null; at: string; reason: string | null;
  /** REJECT only: where the signal was referred to; null otherwise. */
  referredTo: ReferredTo | null;
}

export const toHistoryEntry = (r: Record<string, unknown>): HistoryEntry => ({
  seq: Number(r.seq), event: String(r.event), fromState: (r.from_state as string | null) ?? null, toState: String(r.to_state),
  actorId: (r.actor_id as string | null) ?? null, at: (r.at as Date).toISOString(), reason: (r.reason as string | null) ?? null,
  referredTo: ((r.details as { referredTo?: ReferredTo } | null)?.referredTo) ?? null,
});

export interface ContributionView {
  id: string; dossierId: string; authorId: string; authorPartnerId: string | null; visibility: string; text: string | null; createdAt: string;
}

export const toDossierView = (d: Dossier, allowedEvents: string[], subject?: Subject): DossierView => ({
  id: d.id,
  reference: d.reference,
  phenomenon: d.phenomenon,
  state: d.state,
  version: d.version,
  receivedOn: d.receivedOn,
  referringPartnerId: d.referringPartnerId,
  casemanagerId: d.casemanagerId,
  involvedPartnerIds: d.involvedPartnerIds,
  summary: d.summary,
  closureReason: d.closureReason,
  ...(subject
    ? { subject: { firstName: subject.firstName, lastName: subject.lastName, birthDate: subject.birthDate, gender: subject.gender, municipality: subject.municipality } }
    : {}),
  allowedEvents,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export const toContributionView = (c: Contribution): ContributionView => ({
  id: c.id, dossierId: c.dossierId, authorId: c.authorId, authorPartnerId: c.authorPartnerId, visibility: c.visibility, text: c.text,
  createdAt: c.createdAt.toISOString(),
});
