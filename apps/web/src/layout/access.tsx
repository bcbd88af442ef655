import type { ReactNode } from 'react';
import { useRouteContext } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { layoutMessages } from './layout.messages';
import type { Session, UiAbility } from '../session/session';

/** The signed-in user and their ability, from the app route. */
export function useSession(): { session: Session; ability: UiAbility } {
  return useRouteContext({ from: '/app' }) as { session: Session; ability: UiAbility };
}

/** Shows its page only when the rules allow it; a bookmarked link to a page of another role says so instead of a 403. */
export function Allowed({ action, subject, children }: { action: string; subject: string; children: ReactNode }) {
  const { ability } = useSession();
  if (ability.can(action, subject)) return <>{children}</>;
  return (
    <>
      <h1><FormattedMessage {...layoutMessages.forbiddenTitle} /></h1>
      <p><FormattedMessage {...layoutMessages.forbiddenText} /></p>
    </>
  );
}
