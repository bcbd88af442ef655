/** The plan's levels, top to bottom (libs/plans plan-structure.ts): each level lives under the one above. */
export const NODE_KINDS = ['PHENOMENON', 'STRATEGIC_OBJECTIVE', 'OPERATIONAL_OBJECTIVE', 'EXPECTED_RESULT', 'INDICATOR'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface TreeNode { id: string; kind: NodeKind; title: string; position: number; version: number; parentId: string | null; children: TreeNode[] }

export const childKindOf = (kind: NodeKind): NodeKind | null => NODE_KINDS[NODE_KINDS.indexOf(kind) + 1] ?? null;
export const parentKindOf = (kind: NodeKind): NodeKind | null => NODE_KINDS[NODE_KINDS.indexOf(kind) - 1] ?? null;

/** Every node, depth first, in the order shown. */
export function flatten<T extends TreeNode>(nodes: readonly T[]): T[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children as T[])]);
}

/** How many nodes go when `node` is deleted (itself and everything under it). */
export const subtreeSize = (node: TreeNode): number => 1 + node.children.reduce((s, c) => s + subtreeSize(c), 0);

/** Where a node may be moved to: another node of the level above (never its present parent). */
export function moveTargets<T extends TreeNode>(roots: readonly T[], node: TreeNode): T[] {
  const kind = parentKindOf(node.kind);
  return kind ? flatten(roots).filter((n) => n.kind === kind && n.id !== node.parentId) : [];
}

/**
 * The position changes that move the sibling at `index` one place up (-1) or down (+1): the siblings are numbered
 * 1…n in their new order and only those whose number changes are sent (positions may have had gaps or ties).
 */
export function reorder(siblings: readonly Pick<TreeNode, 'id' | 'position' | 'version'>[], index: number, delta: -1 | 1) {
  const to = index + delta;
  if (to < 0 || to >= siblings.length) return [];
  const order = [...siblings];
  [order[index], order[to]] = [order[to], order[index]];
  return order.map((n, i) => ({ id: n.id, version: n.version, position: i + 1, before: n.position })).filter((p) => p.position !== p.before)
    .map(({ id, version, position }) => ({ id, version, position }));
}
