import type { Contribution, Dossier, Subject } from './dossier.entity';

export interface SubjectView {
  firstName: string | null; lastName: string | null; birthDate: string | null; gender: string | null; municipality: string | null;
}

export interface DossierView {
  id: string; reference: string; phenomenon: string; state: string; version: number; receivedOn: string;
  referringPartnerId: string; casemanagerId: string | null; involvedPartnerIds: string[]; summary: string | null;
  closureReason: string | null; subject?: SubjectView; allowedEvents: string[]; createdAt: string; updatedAt: string;
}

export interface HistoryEntry { seq: number; event: string; fromState: string | null; toState: string; actorId: string | null; at: string; reason: string | null }

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
