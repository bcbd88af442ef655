import { transition } from 'xstate';
import { dossierMachine } from '../../dossiers/src/dossier.machine';
import { acceptedEventTypes, step } from './lifecycle';

/** What `step` must answer, computed with xstate directly every time (nothing kept). */
function fresh(state: string, context: { returnState: string | null }, event: { type: string }) {
  if (!acceptedEventTypes(dossierMachine, state).includes(event.type)) return { ok: false, problem: 'NOT_ACCEPTED' };
  const snapshot = dossierMachine.resolveState({ value: state, context: context as never });
  if (!snapshot.can(event as never)) return { ok: false, problem: 'GUARD_FAILED' };
  const [next] = transition(dossierMachine, snapshot, event as never);
  return { ok: true, state: String(next.value), context: next.context };
}

describe('step', () => {
  const states = Object.keys(dossierMachine.states);
  const types = [...new Set(states.flatMap((s) => acceptedEventTypes(dossierMachine, s)))];

  it('answers what xstate computes, for every state, return state and event, asked again and again', () => {
    for (let round = 0; round < 3; round++) {
      for (const state of states) {
        for (const returnState of [null, 'WEERHOUDEN', 'IN_OPVOLGING']) {
          for (const type of types) expect(step(dossierMachine, state, { returnState }, { type })).toEqual(fresh(state, { returnState }, { type }));
        }
      }
    }
  });

  it('depends on the context: taken off the agenda, a dossier goes back where it came from', () => {
    expect(step(dossierMachine, 'GEAGENDEERD', { returnState: 'WEERHOUDEN' }, { type: 'TAKE_OFF_AGENDA' })).toMatchObject({ state: 'WEERHOUDEN' });
    expect(step(dossierMachine, 'GEAGENDEERD', { returnState: 'IN_OPVOLGING' }, { type: 'TAKE_OFF_AGENDA' })).toMatchObject({ state: 'IN_OPVOLGING' });
  });

  it('depends on what the event carries: a reason passes the guard that its absence fails', () => {
    expect(step(dossierMachine, 'AFGESLOTEN', { returnState: null }, { type: 'REOPEN' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(step(dossierMachine, 'AFGESLOTEN', { returnState: null }, { type: 'REOPEN', reason: 'nieuwe signalen' })).toMatchObject({ ok: true, state: 'SCREENING' });
    expect(step(dossierMachine, 'AFGESLOTEN', { returnState: null }, { type: 'REOPEN' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('gives each caller a context of its own', () => {
    const first = step(dossierMachine, 'IN_OPVOLGING', { returnState: null }, { type: 'PUT_ON_AGENDA' });
    if (!first.ok) throw new Error('PUT_ON_AGENDA refused');
    (first.context as { returnState: string | null }).returnState = 'changed by a caller';
    expect(step(dossierMachine, 'IN_OPVOLGING', { returnState: null }, { type: 'PUT_ON_AGENDA' })).toMatchObject({ context: { returnState: 'IN_OPVOLGING' } });
    const events = acceptedEventTypes(dossierMachine, 'IN_OPVOLGING');
    events.push('SOMETHING');
    expect(acceptedEventTypes(dossierMachine, 'IN_OPVOLGING')).not.toContain('SOMETHING');
  });
});
