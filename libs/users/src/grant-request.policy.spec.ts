import { buildAbility, as } from '@kernteam/access';
import { ROLES } from './user.entity';
import { grantRequestPolicy } from './grant-request.policy';

describe('grant request policy', () => {
  const tenantId = '6f1c1d0e-0000-4000-8000-000000000001';
  const request = as('GrantRequest', { tenantId, id: 'r', requestedBy: 'someone', state: 'PENDING' });
  it('lets the admins and the chair of the tenant see and decide requests, nobody else', () => {
    for (const role of ROLES) {
      const ability = buildAbility({ id: 'me', tenantId, role } as never, [grantRequestPolicy]);
      const allowed = role === 'admin' || role === 'chair';
      expect({ role, read: ability.can('read', request), update: ability.can('update', request) }).toEqual({ role, read: allowed, update: allowed });
    }
  });
  it('not in another tenant', () => {
    const ability = buildAbility({ id: 'me', tenantId: '6f1c1d0e-0000-4000-8000-000000000002', role: 'admin' } as never, [grantRequestPolicy]);
    expect(ability.can('update', request)).toBe(false);
  });
});
