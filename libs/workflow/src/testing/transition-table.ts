import type { AnyStateMachine } from 'xstate';
import { acceptedEventTypes, step } from '../lifecycle';

/**
 * The shared part of every machine's unit test: the initial state, exactly the states of DESIGN.md, and every
 * state × event against a table of expected targets (an event missing from a state's row must be refused).
 * `events` satisfy the guards, so a refusal here can only mean the state does not accept the event.
 */
export function itFollowsTransitionTable<E extends { type: string }>(spec: {
  machine: AnyStateMachine;
  initial: string;
  states: readonly string[];
  table: Record<string, Partial<Record<E['type'], string>>>;
  events: E[];
  context?: object;
}): void {
  const { machine, initial, states, table, events, context = {} } = spec;
  it(`starts in ${initial} and knows exactly the states of DESIGN.md`, () => {
    expect(machine.config.initial).toBe(initial);
    expect(Object.keys(machine.states).sort()).toEqual([...states].sort());
  });
  for (const state of states) {
    for (const event of events) {
      const target = table[state]?.[event.type as E['type']];
      it(`${state} + ${event.type} → ${target ?? 'refused'}`, () => {
        const result = step(machine, state, context, event as E & Record<string, unknown>);
        if (target) expect(result).toEqual({ ok: true, state: target, context: expect.any(Object) });
        else expect(result).toEqual({ ok: false, problem: 'NOT_ACCEPTED' });
      });
    }
    it(`${state} lists exactly its accepted events`, () => {
      expect(acceptedEventTypes(machine, state).sort()).toEqual(Object.keys(table[state] ?? {}).sort());
    });
  }
}
