import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { CLOSURE_REASONS, DOSSIER_STATES, DossierContext, DossierEvent, dossierMachine } from './dossier.machine';

const ctx: DossierContext = { returnState: null };
const run = (state: string, event: DossierEvent, context: DossierContext = ctx) =>
  step(dossierMachine, state, context, event as DossierEvent & Record<string, unknown>);

/** Every state × every event of DESIGN.md §4: the expected target; a missing event is refused. */
const table: Record<string, Partial<Record<DossierEvent['type'], string>>> = {
  AANGEMELD: { START_SCREENING: 'SCREENING' },
  SCREENING: { RETAIN: 'WEERHOUDEN', REJECT: 'NIET_WEERHOUDEN' },
  NIET_WEERHOUDEN: { ANONYMISE: 'GEANONIMISEERD' },
  WEERHOUDEN: { PUT_ON_AGENDA: 'GEAGENDEERD', CLOSE: 'AFGESLOTEN' },
  GEAGENDEERD: { DISCUSS: 'IN_OPVOLGING', TAKE_OFF_AGENDA: 'IN_OPVOLGING' },
  IN_OPVOLGING: { PUT_ON_AGENDA: 'GEAGENDEERD', CLOSE: 'AFGESLOTEN' },
  AFGESLOTEN: { REOPEN: 'SCREENING', ANONYMISE: 'GEANONIMISEERD' },
  GEANONIMISEERD: {},
};
const events: DossierEvent[] = [
  { type: 'START_SCREENING' }, { type: 'RETAIN' }, { type: 'REJECT', reason: 'geen radicaliseringsproces' },
  { type: 'CLOSE', reason: 'DOELEN_BEREIKT' }, { type: 'REOPEN', reason: 'nieuw signaal' }, { type: 'PUT_ON_AGENDA' }, { type: 'TAKE_OFF_AGENDA' },
  { type: 'DISCUSS' }, { type: 'ANONYMISE' },
];

describe('dossier machine', () => {
  itFollowsTransitionTable({ machine: dossierMachine, initial: 'AANGEMELD', states: DOSSIER_STATES, table, events, context: ctx });

  it('refuses REJECT without a reason, or with only white space', () => {
    expect(run('SCREENING', { type: 'REJECT' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('SCREENING', { type: 'REJECT', reason: '   ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('accepts CLOSE (from WEERHOUDEN or IN_OPVOLGING) only with one of the closure reasons', () => {
    for (const from of ['WEERHOUDEN', 'IN_OPVOLGING']) {
      expect(run(from, { type: 'CLOSE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
      expect(run(from, { type: 'CLOSE', reason: 'ZOMAAR' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
      for (const reason of CLOSURE_REASONS) {
        expect(run(from, { type: 'CLOSE', reason })).toMatchObject({ ok: true, state: 'AFGESLOTEN' });
      }
    }
  });

  it('refuses REOPEN without a reason', () => {
    expect(run('AFGESLOTEN', { type: 'REOPEN' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('AFGESLOTEN', { type: 'REOPEN', reason: ' ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('retains with or without a reason', () => {
    expect(run('SCREENING', { type: 'RETAIN' })).toMatchObject({ ok: true, state: 'WEERHOUDEN' });
    expect(run('SCREENING', { type: 'RETAIN', reason: 'zorgwekkend' })).toMatchObject({ ok: true, state: 'WEERHOUDEN' });
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
