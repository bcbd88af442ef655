import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { onUnauthenticated } from '../api/client';
import { useSettings } from '../api/referenceData';
import { label, roleLabels } from '../i18n/labels';
import { signOut } from '../session/session';
import { Button } from '../ui/Button';
import { useSession } from './access';
import { IdleWarning } from './IdleWarning';
import { LanguageSwitch } from './LanguageSwitch';
import { layoutMessages as m } from './layout.messages';
import { useNav } from './nav';
import { profileMessages } from '../profile/profile.messages';
import { NotificationsMenu } from '../notifications/NotificationsMenu';

export function AppLayout() {
  const intl = useIntl();
  const { session } = useSession();
  const nav = useNav();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useRouterState({ select: (s) => s.location });
  const wide = location.pathname.endsWith('/zitting');
  const theme = useSettings()?.theme;

  // The LIVC's own look (Gent: Fira Sans and the city's blue), set by its admin; neutral until known.
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'neutral';
  }, [theme]);

  // A 401 anywhere means the session is gone: back to sign-in, then return here.
  useEffect(() => {
    onUnauthenticated(() => {
      queryClient.clear();
      void navigate({ to: '/login', search: { redirect: window.location.pathname + window.location.search, reason: 'expired' } });
    });
  }, [navigate, queryClient]);

  const doSignOut = async () => {
    const elsewhere = await signOut();
    queryClient.clear();
    if (elsewhere) return window.location.assign(elsewhere);
    await navigate({ to: '/login', search: { reason: 'signedOut' } });
  };

  return (
    <>
      <a className="skip-link" href="#main">{intl.formatMessage(m.skip)}</a>
      <header className="app-header">
        <Link to="/" className="brand">{intl.formatMessage(m.brand)}</Link>
        <nav className="main-nav" aria-label={intl.formatMessage(m.mainNav)}>
          <ul>
            <li><Link to="/" activeOptions={{ exact: true }}>{intl.formatMessage(m.navHome)}</Link></li>
            {nav.map((item) => (
              <li key={item.to}><Link to={item.to}>{intl.formatMessage(item.label)}</Link></li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <span className="user-name">
            <FormattedMessage {...m.signedInAs} values={{ name: session.user.name, role: label(intl, roleLabels, session.user.role) }} />
          </span>
          <NotificationsMenu />
          <Link to="/profile" className="small">{intl.formatMessage(profileMessages.headerLink)}</Link>
          <LanguageSwitch />
          <Button variant="secondary" size="small" onPress={doSignOut}>{intl.formatMessage(m.signOut)}</Button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'wide' : undefined}>
        <Outlet />
      </main>
      <IdleWarning idleSeconds={session.idleTimeoutSeconds} initialExpiresAt={session.expiresAt} onExpired={doSignOut} />
    </>
  );
}
