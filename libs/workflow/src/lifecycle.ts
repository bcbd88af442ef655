import { AnyStateMachine, transition } from 'xstate';

/** The outcome of asking a machine what an event does to a persisted state. Pure: nothing is executed. */
export type LifecycleStep<TContext> =
  | { ok: true; state: string; context: TContext }
  | { ok: false; problem: 'NOT_ACCEPTED' }
  | { ok: false; problem: 'GUARD_FAILED' };

/** Rebuilds a snapshot from the persisted state and context; machines here are flat, so the value is a string. */
const snapshotOf = (machine: AnyStateMachine, state: string, context: object) =>
  machine.resolveState({ value: state, context });

/** Event types the given state has a transition for (regardless of guards). */
export function acceptedEventTypes(machine: AnyStateMachine, state: string): string[] {
  const node = machine.states[state];
  if (!node) return [];
  return node.ownEvents.filter((e: string) => !e.startsWith('xstate.') && e !== '*');
}

/** Computes the next state with XState's pure `transition`; the caller persists it. */
export function step<TContext extends object>(
  machine: AnyStateMachine,
  state: string,
  context: TContext,
  event: { type: string } & Record<string, unknown>,
): LifecycleStep<TContext> {
  if (!acceptedEventTypes(machine, state).includes(event.type)) return { ok: false, problem: 'NOT_ACCEPTED' };
  const snapshot = snapshotOf(machine, state, context);
  if (!snapshot.can(event)) return { ok: false, problem: 'GUARD_FAILED' };
  const [next] = transition(machine, snapshot, event);
  return { ok: true, state: String(next.value), context: next.context as TContext };
}
