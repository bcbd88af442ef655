import { defineMessages } from '../i18n/messages';
import { useIntl } from 'react-intl';
import { useSession } from '../layout/access';
import { Page } from '../ui/Page';

const m = defineMessages({
  title: { id: 'home.title', defaultMessage: 'Start' },
});

/** The signed-in user's start page: what waits for them, per role. */
export function HomePage() {
  const intl = useIntl();
  const { session } = useSession();
  return <Page title={intl.formatMessage(m.title)}><p>{session.user.name}</p></Page>;
}
