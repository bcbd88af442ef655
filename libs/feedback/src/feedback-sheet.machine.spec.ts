import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { FEEDBACK_SHEET_STATES, FeedbackSheetEvent, feedbackSheetMachine } from './feedback-sheet.machine';

const run = (state: string, event: FeedbackSheetEvent) =>
  step(feedbackSheetMachine, state, {}, event as FeedbackSheetEvent & Record<string, unknown>);

const table: Record<string, Partial<Record<FeedbackSheetEvent['type'], string>>> = {
  CONCEPT: { SUBMIT: 'TER_GOEDKEURING' },
  TER_GOEDKEURING: { APPROVE: 'GOEDGEKEURD', REJECT: 'AFGEWEZEN' },
  GOEDGEKEURD: {},
  AFGEWEZEN: {},
};
const events: FeedbackSheetEvent[] = [
  { type: 'SUBMIT', noSecretsConfirmed: true, hasContent: true, approverCount: 3 },
  { type: 'APPROVE', pendingApprovals: 0 },
  { type: 'REJECT' },
];

describe('feedback sheet machine', () => {
  itFollowsTransitionTable({ machine: feedbackSheetMachine, initial: 'CONCEPT', states: FEEDBACK_SHEET_STATES, table, events });

  it('submits only a sheet with content, confirmed free of professional secrets, with someone to approve it', () => {
    const ok = { type: 'SUBMIT', noSecretsConfirmed: true, hasContent: true, approverCount: 2 } as const;
    expect(run('CONCEPT', ok)).toMatchObject({ ok: true, state: 'TER_GOEDKEURING' });
    expect(run('CONCEPT', { ...ok, noSecretsConfirmed: false })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('CONCEPT', { ...ok, hasContent: false })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('CONCEPT', { ...ok, approverCount: 0 })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('CONCEPT', { type: 'SUBMIT' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
  });

  it('is approved only when no approval is pending (unanimity)', () => {
    expect(run('TER_GOEDKEURING', { type: 'APPROVE', pendingApprovals: 1 })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('TER_GOEDKEURING', { type: 'APPROVE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('TER_GOEDKEURING', { type: 'APPROVE', pendingApprovals: 0 })).toMatchObject({ ok: true, state: 'GOEDGEKEURD' });
  });
});
