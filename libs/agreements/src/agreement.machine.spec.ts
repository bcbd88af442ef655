import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { AGREEMENT_STATES, AgreementEvent, agreementMachine } from './agreement.machine';

const run = (state: string, event: AgreementEvent) => step(agreementMachine, state, {}, event as AgreementEvent & Record<string, unknown>);

/** Every state × event of DESIGN.md §4 (Agreement): the target, or nothing when the state refuses the event. */
const table: Record<string, Partial<Record<AgreementEvent['type'], string>>> = {
  OPEN: { START: 'IN_UITVOERING', COMPLETE: 'UITGEVOERD', LAPSE: 'VERVALLEN' },
  IN_UITVOERING: { COMPLETE: 'UITGEVOERD', FAIL: 'NIET_UITGEVOERD', LAPSE: 'VERVALLEN' },
  UITGEVOERD: {},
  NIET_UITGEVOERD: {},
  VERVALLEN: {},
};
const events: AgreementEvent[] = [{ type: 'START' }, { type: 'COMPLETE' }, { type: 'FAIL', note: 'Jongere weigerde elk contact' }, { type: 'LAPSE' }];

describe('agreement machine', () => {
  itFollowsTransitionTable({ machine: agreementMachine, initial: 'OPEN', states: AGREEMENT_STATES, table, events });

  it('refuses FAIL without a reason, or with only white space', () => {
    expect(run('IN_UITVOERING', { type: 'FAIL' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('IN_UITVOERING', { type: 'FAIL', note: '  \n ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('completes with or without a note', () => {
    expect(run('IN_UITVOERING', { type: 'COMPLETE' })).toMatchObject({ ok: true, state: 'UITGEVOERD' });
    expect(run('IN_UITVOERING', { type: 'COMPLETE', note: 'Traject opgestart' })).toMatchObject({ ok: true, state: 'UITGEVOERD' });
  });
});
