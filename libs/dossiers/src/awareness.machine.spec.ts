import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { AWARENESS_STATES, AwarenessContext, AwarenessEvent, awarenessMachine, INITIAL_AWARENESS } from './awareness.machine';

const run = (state: string, event: AwarenessEvent, context: AwarenessContext = INITIAL_AWARENESS) =>
  step(awarenessMachine, state, context, event as AwarenessEvent & Record<string, unknown>);

const inform: AwarenessEvent = { type: 'INFORM', informedOn: '2026-10-05' };
const notInform: AwarenessEvent = { type: 'NOT_INFORM', reason: 'NOT_ADVISABLE', explanation: 'Lopend politieonderzoek' };
const consent: AwarenessEvent = { type: 'RECORD_CONSENT', consent: 'YES', consentOn: '2026-10-06' };

const table: Record<string, Partial<Record<AwarenessEvent['type'], string>>> = {
  NOT_RECORDED: { INFORM: 'INFORMED', NOT_INFORM: 'NOT_INFORMED' },
  NOT_INFORMED: { INFORM: 'INFORMED', NOT_INFORM: 'NOT_INFORMED' },
  INFORMED: { INFORM: 'INFORMED', RECORD_CONSENT: 'INFORMED' },
};

describe('awareness machine', () => {
  itFollowsTransitionTable({ machine: awarenessMachine, initial: 'NOT_RECORDED', states: AWARENESS_STATES, table, events: [inform, notInform, consent], context: INITIAL_AWARENESS });

  it('informs with a date, and forgets an earlier reason for not informing', () => {
    const no = run('NOT_RECORDED', notInform);
    expect(no).toMatchObject({ ok: true, state: 'NOT_INFORMED', context: { notInformedReason: 'NOT_ADVISABLE', explanation: 'Lopend politieonderzoek' } });
    const yes = run('NOT_INFORMED', inform, (no as { context: AwarenessContext }).context);
    expect(yes).toEqual({ ok: true, state: 'INFORMED', context: { ...INITIAL_AWARENESS, informedOn: '2026-10-05' } });
  });

  it('refuses INFORM without a calendar date', () => {
    expect(run('NOT_RECORDED', { type: 'INFORM' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('NOT_RECORDED', { type: 'INFORM', informedOn: '5/10/2026' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('refuses NOT_INFORM without a known reason or without an explanation', () => {
    expect(run('NOT_RECORDED', { type: 'NOT_INFORM', reason: 'NOT_POSSIBLE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('NOT_RECORDED', { type: 'NOT_INFORM', reason: 'NOT_POSSIBLE', explanation: '  ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('NOT_RECORDED', { type: 'NOT_INFORM', reason: 'LATER', explanation: 'x' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('records consent YES/NO with a date, NOT_ASKED without one, and only for an informed person', () => {
    const informed = { ...INITIAL_AWARENESS, informedOn: '2026-10-05' };
    expect(run('INFORMED', consent, informed)).toMatchObject({ ok: true, context: { consent: 'YES', consentOn: '2026-10-06', informedOn: '2026-10-05' } });
    expect(run('INFORMED', { type: 'RECORD_CONSENT', consent: 'NO' }, informed)).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('INFORMED', { type: 'RECORD_CONSENT', consent: 'NOT_ASKED', consentOn: '2026-10-06' }, informed)).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('INFORMED', { type: 'RECORD_CONSENT', consent: 'NOT_ASKED' }, { ...informed, consent: 'YES', consentOn: '2026-10-06' }))
      .toMatchObject({ ok: true, context: { consent: 'NOT_ASKED', consentOn: null } });
    expect(run('NOT_INFORMED', consent)).toEqual({ ok: false, problem: 'NOT_ACCEPTED' });
  });
});
