import { partnersFor } from './roles';

const partners = [
  { id: 'cm', type: 'CASEMANAGEMENT', active: true },
  { id: 'pol', type: 'POLITIE', active: true },
  { id: 'old', type: 'OCMW', active: false },
];

describe('partnersFor (the partner choices of the user form)', () => {
  it('offers a casemanager only the active CASEMANAGEMENT partner', () => {
    expect(partnersFor('casemanager', partners).map((p) => p.id)).toEqual(['cm']);
  });
  it('offers chair and member every active partner, never a deactivated one', () => {
    expect(partnersFor('member', partners).map((p) => p.id)).toEqual(['cm', 'pol']);
    expect(partnersFor('chair', partners).map((p) => p.id)).toEqual(['cm', 'pol']);
  });
  it('offers no partner to the roles that act for none', () => {
    for (const role of ['admin', 'evaluator', 'auditor', null] as const) expect(partnersFor(role, partners)).toEqual([]);
  });
});
