import { childKindOf, flatten, moveTargets, reorder, subtreeSize, type TreeNode } from './planTree';

const node = (id: string, kind: TreeNode['kind'], parentId: string | null, children: TreeNode[] = [], position = 1): TreeNode =>
  ({ id, kind, title: id, position, version: 1, parentId, children });

describe('plan tree', () => {
  const tree = [
    node('p1', 'PHENOMENON', null, [node('s1', 'STRATEGIC_OBJECTIVE', 'p1', [node('o1', 'OPERATIONAL_OBJECTIVE', 's1')])]),
    node('p2', 'PHENOMENON', null, [node('s2', 'STRATEGIC_OBJECTIVE', 'p2')], 2),
  ];
  it('knows the level under each level, and none under an indicator', () => {
    expect(childKindOf('PHENOMENON')).toBe('STRATEGIC_OBJECTIVE');
    expect(childKindOf('INDICATOR')).toBeNull();
  });
  it('lists depth first and counts what a delete removes', () => {
    expect(flatten(tree).map((n) => n.id)).toEqual(['p1', 's1', 'o1', 'p2', 's2']);
    expect(subtreeSize(tree[0])).toBe(3);
  });
  it('offers as new parents the other nodes of the level above only', () => {
    expect(moveTargets(tree, tree[0].children[0]).map((n) => n.id)).toEqual(['p2']);
    expect(moveTargets(tree, tree[0])).toEqual([]);
  });
  it('moves a sibling up or down by renumbering only what changes', () => {
    const sib = [{ id: 'a', position: 1, version: 3 }, { id: 'b', position: 2, version: 1 }, { id: 'c', position: 3, version: 1 }];
    expect(reorder(sib, 2, -1)).toEqual([{ id: 'c', version: 1, position: 2 }, { id: 'b', version: 1, position: 3 }]);
    expect(reorder(sib, 0, -1)).toEqual([]);
    // Ties (two nodes at position 1) are resolved too.
    expect(reorder([{ id: 'a', position: 1, version: 1 }, { id: 'b', position: 1, version: 1 }], 0, 1)).toEqual([{ id: 'a', version: 1, position: 2 }]);
  });
});
