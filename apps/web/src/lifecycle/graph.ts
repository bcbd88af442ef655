import { toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';

/** The input ELK lays out: one node per state, one edge per (state, event, target), with sizes for their labels. */
export interface ElkInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: { id: string; width: number; height: number; labels: { text: string }[]; final: boolean }[];
  edges: { id: string; sources: string[]; targets: string[]; event: string; labels: { text: string; width: number; height: number }[] }[];
}

const CHAR_PX = 7.2;
const NODE_H = 36;

/**
 * The machine's states and transitions as ELK's graph input. `stateLabel`/`eventLabel` give the UI language's words
 * (the width is measured from them); the same event between the same two states is drawn once.
 */
export function machineToElk(machine: AnyStateMachine, stateLabel: (s: string) => string, eventLabel: (e: string) => string): ElkInput {
  const root = toDirectedGraph(machine);
  const children = root.children.map((n) => {
    const text = stateLabel(n.stateNode.key);
    return { id: n.stateNode.key, width: Math.ceil(text.length * CHAR_PX + 28), height: NODE_H, labels: [{ text }], final: n.stateNode.type === 'final' };
  });
  const seen = new Set<string>();
  const edges: ElkInput['edges'] = [];
  for (const n of root.children) {
    for (const e of n.edges) {
      const from = e.source.key;
      const to = e.target.key;
      const event = e.transition.eventType;
      const id = `${from}--${event}--${to}`;
      if (seen.has(id) || from === to) continue;
      seen.add(id);
      const text = eventLabel(event);
      edges.push({ id, sources: [from], targets: [to], event, labels: [{ text, width: Math.ceil(text.length * 6 + 6), height: 14 }] });
    }
  }
  return {
    id: machine.id,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children,
    edges,
  };
}

/** What a screen reader hears instead of the picture: the current state and where each allowed step leads. */
export function describeSteps(input: ElkInput, current: string, available: readonly string[]): { event: string; to: string }[] {
  return input.edges.filter((e) => e.sources[0] === current && available.includes(e.event)).map((e) => ({ event: e.event, to: e.targets[0] }));
}
