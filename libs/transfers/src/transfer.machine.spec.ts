import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { TRANSFER_STATES, TransferEvent, transferMachine } from './transfer.machine';

const table: Record<string, Partial<Record<TransferEvent['type'], string>>> = {
  VOORGESTELD: { ACCEPT: 'AANVAARD', REFUSE: 'GEWEIGERD', WITHDRAW: 'INGETROKKEN' },
  AANVAARD: {},
  GEWEIGERD: {},
  INGETROKKEN: {},
};
const events: TransferEvent[] = [{ type: 'ACCEPT' }, { type: 'REFUSE', reason: 'persoon woont niet in onze gemeente' }, { type: 'WITHDRAW' }];

describe('transfer machine', () => {
  itFollowsTransitionTable({ machine: transferMachine, initial: 'VOORGESTELD', states: TRANSFER_STATES, table, events });

  it('refuses REFUSE without a reason, or with only white space', () => {
    expect(step(transferMachine, 'VOORGESTELD', {}, { type: 'REFUSE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(step(transferMachine, 'VOORGESTELD', {}, { type: 'REFUSE', reason: '  ' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('ends once: no event moves a decided transfer', () => {
    for (const state of ['AANVAARD', 'GEWEIGERD', 'INGETROKKEN']) {
      for (const e of events) expect(step(transferMachine, state, {}, e as TransferEvent & Record<string, unknown>)).toEqual({ ok: false, problem: 'NOT_ACCEPTED' });
    }
  });
});
