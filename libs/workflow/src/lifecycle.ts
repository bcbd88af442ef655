import { AnyStateMachine, transition } from 'xstate';

/** The outcome of asking a machine what an event does to a persisted state. Pure: nothing is executed. */
export type LifecycleStep<TContext> =
  | { ok: true; state: string; context: TContext }
  | { ok: false; problem: 'NOT_ACCEPTED' }
  | { ok: false; problem: 'GUARD_FAILED' };

/** Rebuilds a snapshot from the persisted state and context; machines here are flat, so the value is a string. */
const snapshotOf = (machine: AnyStateMachine, state: string, context: object) =>
  machine.resolveState({ value: state, context });

/** Per machine and state: a fact of the machine's definition (xstate works `ownEvents` out on every read). */
const accepted = new WeakMap<AnyStateMachine, Map<string, string[]>>();

/** The kept list of a state's event types; callers outside this file get a copy. */
function ownEventTypes(machine: AnyStateMachine, state: string): readonly string[] {
  let byState = accepted.get(machine);
  if (!byState) accepted.set(machine, (byState = new Map()));
  let types = byState.get(state);
  if (!types) {
    const node = machine.states[state];
    types = node ? node.ownEvents.filter((e: string) => !e.startsWith('xstate.') && e !== '*') : [];
    byState.set(state, types);
  }
  return types;
}

/** Event types the given state has a transition for (regardless of guards). */
export function acceptedEventTypes(machine: AnyStateMachine, state: string): string[] {
  return [...ownEventTypes(machine, state)];
}

/**
 * Outcomes of events that carry nothing but their type, in a context of codes only, by machine, state, context and
 * type. `transition` is pure, so the same inputs give the same outcome; it rebuilds the machine's step each time (some
 * 30 µs), and most moves are such events. Bounded, as contexts of some machines vary: past the bound, outcomes are
 * computed and not kept.
 */
const typeOnly = new WeakMap<AnyStateMachine, Map<string, LifecycleStep<object>>>();
const MAX_KEPT_STEPS = 1000;
/** Only contexts of codes (a state, a flag) make a key: never free text or a date of a record. */
const isCode = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(v));

/** Computes the next state with XState's pure `transition`; the caller persists it. */
export function step<TContext extends object>(
  machine: AnyStateMachine,
  state: string,
  context: TContext,
  event: { type: string } & Record<string, unknown>,
): LifecycleStep<TContext> {
  if (!ownEventTypes(machine, state).includes(event.type)) return { ok: false, problem: 'NOT_ACCEPTED' };
  const keep = Object.keys(event).every((k) => k === 'type' || event[k] === undefined) && Object.values(context).every(isCode);
  let kept = typeOnly.get(machine);
  if (!kept) typeOnly.set(machine, (kept = new Map()));
  const key = keep ? `${state}\u0000${JSON.stringify(context)}\u0000${event.type}` : undefined;
  const known = key === undefined ? undefined : kept.get(key);
  const outcome = known ?? computeStep(machine, state, context, event);
  if (key !== undefined && !known && kept.size < MAX_KEPT_STEPS) kept.set(key, outcome);
  // A copy of the context: a caller may change what it was given.
  return (outcome.ok ? { ...outcome, context: { ...outcome.context } } : outcome) as LifecycleStep<TContext>;
}

function computeStep(machine: AnyStateMachine, state: string, context: object, event: { type: string }): LifecycleStep<object> {
  const snapshot = snapshotOf(machine, state, context);
  if (!snapshot.can(event)) return { ok: false, problem: 'GUARD_FAILED' };
  const [next] = transition(machine, snapshot, event);
  return { ok: true, state: String(next.value), context: next.context as object };
}
