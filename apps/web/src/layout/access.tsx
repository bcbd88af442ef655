import type { ReactNode } from 'react';
import { useRouteContext } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../ui/Page';
import { layoutMessages } from './layout.messages';
import type { Session, UiAbility } from '../session/session';

/** The signed-in user and their ability, from the app route. */
export function useSession(): { session: Session; ability: UiAbility } {
  return useRouteContext({ from: '/app' }) as { session: Session; ability: UiAbility };
}

/** Shows its page only when the rules allow it; a bookmarked link to a page of another role says so instead of a 403. */
export function Allowed({ action, subject, children }: { action: string; subject: string; children: ReactNode }) {
  const { ability } = useSession();
  const intl = useIntl();
  if (ability.can(action, subject)) return <>{children}</>;
  // A page of its own (h1 and document title), so the tab and the history say it too.
  return (
    <Page title={intl.formatMessage(layoutMessages.forbiddenTitle)}>
      <p><FormattedMessage {...layoutMessages.forbiddenText} /></p>
    </Page>
  );
}
