import { acceptedEventTypes, step } from '../../workflow/src/lifecycle';
import { CLOSURE_REASONS, DOSSIER_STATES, DossierContext, DossierEvent, dossierMachine } from './dossier.machine';

const ctx: DossierContext = { returnState: null };
const run = (state: string, event: DossierEvent, context: DossierContext = ctx) =>
  step(dossierMachine, state, context, event as DossierEvent & Record<string, unknown>);

/** Every state × every event of DESIGN.md §4: the expected target, or null when the state refuses the event. */
const table: Record<string, Partial<Record<DossierEvent['type'], string>>> = {
  AANGEMELD: { START_SCREENING: 'SCREENING' },
  SCREENING: { RETAIN: 'WEERHOUDEN', REJECT: 'NIET_WEERHOUDEN' },
  NIET_WEERHOUDEN: { ANONYMISE: 'GEANONIMISEERD' },
  WEERHOUDEN: { PUT_ON_AGENDA: 'GEAGENDEERD' },
  GEAGENDEERD: { DISCUSS: 'IN_OPVOLGING', TAKE_OFF_AGENDA: 'IN_OPVOLGING' },
  IN_OPVOLGING: { PUT_ON_AGENDA: 'GEAGENDEERD', CLOSE: 'AFGESLOTEN' },
  AFGESLOTEN: { REOPEN: 'SCREENING', ANONYMISE: 'GEANONIMISEERD' },
  GEANONIMISEERD: {},
};
const events: DossierEvent[] = [
  { type: 'START_SCREENING' }, { type: 'RETAIN' }, { type: 'REJECT', reason: 'geen radicaliseringsproces' },
  { type: 'CLOSE', reason: 'DOELEN_BEREIKT' }, { type: 'REOPEN' }, { type: 'PUT_ON_AGENDA' }, { type: 'TAKE_OFF_AGENDA' },
  { type: 'DISCUSS' }, { type: 'ANONYMISE' },
];

describe('dossier machine', () => {
  it('starts in AANGEMELD and knows exactly the states of DESIGN.md', () => {
    expect(dossierMachine.config.initial).toBe('AANGEMELD');
    expect(Object.keys(dossierMachine.states).sort()).toEqual([...DOSSIER_STATES].sort());
  });

  for (const state of DOSSIER_STATES) {
    for (const event of events) {
      const target = table[state][event.type];
      it(`${state} + ${event.type} → ${target ?? 'refused'}`, () => {
        const result = run(state, event);
        if (target) expect(result).toEqual({ ok: true, state: target, context: expect.any(Object) });
        else expect(result).toEqual({ ok: false, problem: 'NOT_ACCEPTED' });
      });
    }
    it(`${state} lists exactly its accepted events`, () => {
      expect(acceptedEventTypes(dossierMachine, state).sort()).toEqual(Object.keys(table[state]).sort());
    });
  }

  it('refuses REJECT without a reason, or with only white space', () => {
    expect(run('SCREENING', { type: 'REJECT' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('SCREENING', { type: 'REJECT', reason: '   ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('accepts CLOSE only with one of the closure reasons', () => {
    expect(run('IN_OPVOLGING', { type: 'CLOSE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('IN_OPVOLGING', { type: 'CLOSE', reason: 'ZOMAAR' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    for (const reason of CLOSURE_REASONS) {
      expect(run('IN_OPVOLGING', { type: 'CLOSE', reason })).toMatchObject({ ok: true, state: 'AFGESLOTEN' });
    }
  });

  it('remembers where an agenda dossier returns to, and forgets it once it leaves the agenda', () => {
    const fromRetained = run('WEERHOUDEN', { type: 'PUT_ON_AGENDA' });
    expect(fromRetained).toEqual({ ok: true, state: 'GEAGENDEERD', context: { returnState: 'WEERHOUDEN' } });
    const back = run('GEAGENDEERD', { type: 'TAKE_OFF_AGENDA' }, { returnState: 'WEERHOUDEN' });
    expect(back).toEqual({ ok: true, state: 'WEERHOUDEN', context: { returnState: null } });

    const fromFollowUp = run('IN_OPVOLGING', { type: 'PUT_ON_AGENDA' });
    expect(fromFollowUp).toEqual({ ok: true, state: 'GEAGENDEERD', context: { returnState: 'IN_OPVOLGING' } });
    expect(run('GEAGENDEERD', { type: 'TAKE_OFF_AGENDA' }, { returnState: 'IN_OPVOLGING' })).toMatchObject({ state: 'IN_OPVOLGING' });
    expect(run('GEAGENDEERD', { type: 'DISCUSS' }, { returnState: 'WEERHOUDEN' })).toEqual({
      ok: true, state: 'IN_OPVOLGING', context: { returnState: null },
    });
  });
});
