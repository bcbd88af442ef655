import type { AnyStateMachine } from 'xstate';
// The very machines the API runs (pure definitions, they import only xstate), so the diagram cannot drift from them.
import { agreementMachine } from '../../../../libs/agreements/src/agreement.machine';
import { dossierMachine } from '../../../../libs/dossiers/src/dossier.machine';
import { feedbackSheetMachine } from '../../../../libs/feedback/src/feedback-sheet.machine';
import { meetingMachine } from '../../../../libs/meetings/src/meeting.machine';
import { transferMachine } from '../../../../libs/transfers/src/transfer.machine';

export type MachineName = 'dossier' | 'meeting' | 'agreement' | 'feedbackSheet' | 'transfer';

export const MACHINES: Record<MachineName, AnyStateMachine> = {
  dossier: dossierMachine,
  meeting: meetingMachine,
  agreement: agreementMachine,
  feedbackSheet: feedbackSheetMachine,
  transfer: transferMachine,
};
