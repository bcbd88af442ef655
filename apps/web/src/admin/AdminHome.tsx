import { Link } from '@tanstack/react-router';
import { PendingGrantRequests } from './PendingGrantRequests';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { ErrorState, Loading } from '../ui/States';
import { adminMessages as m } from './admin.messages';

/**
 * The functional admin's start page: how many accounts and partners, which are off, which invitations wait, and the
 * three admin pages. Counts come from the lists themselves (a LIVC has tens of accounts, not thousands).
 */
export function AdminHome() {
  const intl = useIntl();
  const users = $api.useQuery('get', '/api/users', { params: { query: { pageSize: 200 } } });
  const partners = $api.useQuery('get', '/api/partners');
  const all = users.data?.items ?? [];
  const inactiveUsers = all.filter((u) => !u.active).length;
  const pending = all.filter((u) => u.pendingInvitation).length;
  const partnerList = partners.data ?? [];
  return (
    <div className="grid-3 home-grid">
      <PendingGrantRequests />
      <section className="card" aria-labelledby="admin-users">
        <h2 id="admin-users">{intl.formatMessage(m.homeUsers)}</h2>
        {users.isPending ? <Loading /> : users.isError ? <ErrorState error={users.error} /> : (
          <ul className="stack">
            <li>{intl.formatMessage(m.countUsers, { count: users.data.total })}</li>
            <li>
              {inactiveUsers > 0 ? <Link to="/admin/users" search={{ active: false }}>{intl.formatMessage(m.countInactiveUsers, { count: inactiveUsers })}</Link>
                : intl.formatMessage(m.countInactiveUsers, { count: 0 })}
            </li>
            <li>{intl.formatMessage(m.countPending, { count: pending })}</li>
          </ul>
        )}
        <p><Link to="/admin/users">{intl.formatMessage(m.manageUsers)}</Link></p>
      </section>
      <section className="card" aria-labelledby="admin-partners">
        <h2 id="admin-partners">{intl.formatMessage(m.homePartners)}</h2>
        {partners.isPending ? <Loading /> : partners.isError ? <ErrorState error={partners.error} /> : (
          <ul className="stack">
            <li>{intl.formatMessage(m.countPartners, { count: partnerList.length })}</li>
            <li>{intl.formatMessage(m.countInactivePartners, { count: partnerList.filter((p) => !p.active).length })}</li>
          </ul>
        )}
        <p><Link to="/admin/partners">{intl.formatMessage(m.managePartners)}</Link></p>
      </section>
      <section className="card" aria-labelledby="admin-settings">
        <h2 id="admin-settings">{intl.formatMessage(m.homeSettings)}</h2>
        <p><Link to="/admin/settings">{intl.formatMessage(m.manageSettings)}</Link></p>
      </section>
    </div>
  );
}
