import { useRouter } from '@tanstack/react-router';
import type { MessageDescriptor } from 'react-intl';
import type { UiAbility } from '../session/session';
import { useSession } from './access';
import { layoutMessages as m } from './layout.messages';
import { idpMessages } from '../admin/identity-providers.messages';

export interface NavItem { to: string; label: MessageDescriptor; action: string; subject: string }

/** The menu of UI.md: an item shows only when the caller's CASL rules allow what its page needs and the page exists. */
export const NAV: readonly NavItem[] = [
  { to: '/dossiers', label: m.navDossiers, action: 'read', subject: 'Dossier' },
  { to: '/meetings', label: m.navMeetings, action: 'read', subject: 'Meeting' },
  { to: '/agreements', label: m.navAgreements, action: 'read', subject: 'Agreement' },
  { to: '/plans', label: m.navPlans, action: 'read', subject: 'Plan' },
  { to: '/indicators', label: m.navIndicators, action: 'read', subject: 'Indicator' },
  { to: '/exports', label: m.navExports, action: 'create', subject: 'Export' },
  { to: '/admin/users', label: m.navUsers, action: 'manage', subject: 'User' },
  { to: '/admin/partners', label: m.navPartners, action: 'manage', subject: 'Partner' },
  { to: '/admin/settings', label: m.navSettings, action: 'update', subject: 'Settings' },
  { to: '/admin/identity-providers', label: idpMessages.nav, action: 'manage', subject: 'IdentityProvider' },
  { to: '/audit', label: m.navAudit, action: 'read', subject: 'AuditEvent' },
];

/** The entries `ability` allows, among those `hasPage` knows (a menu entry never leads to "page not found"). */
export const navFor = (ability: Pick<UiAbility, 'can'>, hasPage: (to: string) => boolean, items: readonly NavItem[] = NAV) =>
  items.filter((i) => hasPage(i.to) && ability.can(i.action, i.subject));

/** The signed-in user's menu; which pages exist is read from the router's own route tree. */
export function useNav(): readonly NavItem[] {
  const { ability } = useSession();
  const { routesByPath } = useRouter();
  return navFor(ability, (to) => to in routesByPath);
}
