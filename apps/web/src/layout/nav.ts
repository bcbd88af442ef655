import type { MessageDescriptor } from 'react-intl';
import type { UiAbility } from '../session/session';
import { layoutMessages as m } from './layout.messages';

export interface NavItem { to: string; label: MessageDescriptor; action: string; subject: string }

/** The menu: an item shows only when the caller's CASL rules allow what its page needs. */
export const NAV: readonly NavItem[] = [
  { to: '/dossiers', label: m.navDossiers, action: 'read', subject: 'Dossier' },
  { to: '/meetings', label: m.navMeetings, action: 'read', subject: 'Meeting' },
  { to: '/agreements', label: m.navAgreements, action: 'read', subject: 'Agreement' },
  { to: '/plans', label: m.navPlans, action: 'read', subject: 'Plan' },
  { to: '/indicators', label: m.navIndicators, action: 'read', subject: 'Indicator' },
  { to: '/exports', label: m.navExports, action: 'create', subject: 'Export' },
  { to: '/admin/users', label: m.navUsers, action: 'manage', subject: 'User' },
  { to: '/admin/partners', label: m.navPartners, action: 'manage', subject: 'Partner' },
  { to: '/audit', label: m.navAudit, action: 'read', subject: 'AuditEvent' },
];

export const navFor = (ability: Pick<UiAbility, 'can'>, items: readonly NavItem[] = NAV) => items.filter((i) => ability.can(i.action, i.subject));
