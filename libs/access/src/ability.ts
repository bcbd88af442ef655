import { AbilityBuilder, createMongoAbility, MongoAbility, subject as tag } from '@casl/ability';
import type { Actor } from './actor';

export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'transition' | 'export' | 'verify' | 'endorse';
export type SubjectName =
  | 'Tenant' | 'Partner' | 'User' | 'Dossier' | 'Subject' | 'Contribution' | 'Meeting' | 'AgendaItem' | 'Agreement' | 'FeedbackSheet'
  | 'Notification' | 'Delivery' | 'Plan' | 'Indicator' | 'Export' | 'AuditEvent' | 'Settings' | 'Transfer' | 'MatchQuery' | 'IdentityProvider' | 'GrantRequest' | 'all';

export type AppAbility = MongoAbility<[Action, SubjectName | (Record<string, unknown> & { __caslSubjectType__?: SubjectName })]>;
export type AbilityRules = Pick<AbilityBuilder<AppAbility>, 'can' | 'cannot'>;

/** One domain's share of the access matrix (DESIGN.md §6). Each domain keeps its own in `<domain>.policy.ts`. */
export type Policy = (actor: Actor, rules: AbilityRules) => void;

export function buildAbility(actor: Actor, policies: readonly Policy[]): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const policy of policies) policy(actor, builder);
  return builder.build();
}

/**
 * The record tagged with its CASL subject type, so conditions are evaluated against it. CASL tags in place and the same
 * row is checked as several subject types (a dossier's Subject follows its Dossier), so the tag goes on an empty object
 * whose prototype is the record: conditions read the record's fields through it, and nothing is copied (a list checks
 * every row).
 */
export const as = <T extends object>(type: SubjectName, record: T) =>
  tag(type, Object.create(record) as T & Record<string, unknown>) as Record<string, unknown> & { __caslSubjectType__: SubjectName };
