import { buildTree, FlatNode, flattenStructure, nodeProblems, parentKindOf, toStructure } from './plan-structure';
import { demoPlanStructure } from './demo-plan';

describe('plan structure', () => {
  it('puts each level under the one before it', () => {
    expect(parentKindOf('PHENOMENON')).toBeNull();
    expect(parentKindOf('INDICATOR')).toBe('EXPECTED_RESULT');
    expect(nodeProblems('PHENOMENON', null, {})).toEqual([]);
    expect(nodeProblems('STRATEGIC_OBJECTIVE', 'PHENOMENON', {})).toEqual([]);
    expect(nodeProblems('STRATEGIC_OBJECTIVE', null, {}).map((p) => p.field)).toEqual(['parentId']);
    expect(nodeProblems('EXPECTED_RESULT', 'STRATEGIC_OBJECTIVE', {}).map((p) => p.field)).toEqual(['parentId']);
    expect(nodeProblems('PHENOMENON', 'PHENOMENON', {}).map((p) => p.field)).toEqual(['parentId']);
  });

  it('checks an indicator: known key, operator with target, YES_NO 0/1, shares in [0, 1], partner type for participations only', () => {
    const ok = (spec: object) => expect(nodeProblems('INDICATOR', 'EXPECTED_RESULT', spec)).toEqual([]);
    const bad = (spec: object, field: string) => expect(nodeProblems('INDICATOR', 'EXPECTED_RESULT', spec).map((p) => p.field)).toContain(field);
    ok({ definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8 });
    ok({ definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', operator: 'GTE', target: 3 });
    ok({ definitionKey: null, operator: 'YES_NO', target: 1 });
    ok({});
    bad({ definitionKey: 'NOPE' }, 'definitionKey');
    bad({ operator: 'GTE' }, 'target');
    bad({ target: 3 }, 'operator');
    bad({ operator: 'MORE', target: 3 }, 'operator');
    bad({ operator: 'YES_NO', target: 2 }, 'target');
    bad({ definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 80 }, 'target');
    bad({ definitionKey: 'MEETINGS_HELD', partnerType: 'POLITIE' }, 'partnerType');
    bad({ definitionKey: 'PARTICIPATIONS', partnerType: 'BRANDWEER' }, 'partnerType');
    expect(nodeProblems('EXPECTED_RESULT', 'OPERATIONAL_OBJECTIVE', { target: 1 }).map((p) => p.field)).toEqual(['target']);
  });

  it('flattens a structure parents first and rebuilds the same structure from the rows', () => {
    const s = demoPlanStructure(2026);
    const flat = flattenStructure(s);
    expect(flat.map((n) => n.kind)).toEqual([
      'PHENOMENON', 'STRATEGIC_OBJECTIVE', 'OPERATIONAL_OBJECTIVE', 'EXPECTED_RESULT', 'INDICATOR',
      'PHENOMENON', 'STRATEGIC_OBJECTIVE', 'OPERATIONAL_OBJECTIVE', 'EXPECTED_RESULT', 'INDICATOR', 'EXPECTED_RESULT', 'INDICATOR',
    ]);
    for (const n of flat) if (n.parentIndex !== null) expect(n.parentIndex).toBeLessThan(n.index);
    const rows: FlatNode[] = flat.map((n) => ({ ...n, id: `n${n.index}`, parentId: n.parentIndex === null ? null : `n${n.parentIndex}` }));
    expect(toStructure(s, [...rows].reverse())).toEqual(s);
    expect(buildTree(rows)).toHaveLength(2);
  });

  it('makes the demo plan of the seeds: Gent 80 % shared agreements and Molenbeek LIVC participation ≥ 3/jaar', () => {
    const s = demoPlanStructure(2026);
    expect(s).toMatchObject({ periodFrom: '2026-01-01', periodTo: '2027-12-31' });
    const indicators = flattenStructure(s).filter((n) => n.kind === 'INDICATOR');
    expect(indicators.map((n) => [n.definitionKey, n.operator, n.target, n.partnerType])).toEqual([
      ['SHARED_AGREEMENTS', 'GTE', 0.8, null], ['PARTICIPATIONS', 'GTE', 3, 'POLITIE'], [null, 'GTE', 5, null],
    ]);
    for (const n of flattenStructure(s)) expect(nodeProblems(n.kind, n.parentIndex === null ? null : flattenStructure(s)[n.parentIndex].kind, n)).toEqual([]);
  });
});
