export * from './feedback-sheet.machine';
export * from './feedback-sheet.entity';
export * from './feedback-sheet.dto';
export * from './feedback-sheet.view';
export * from './feedback-sheet.policy';
export * from './feedback-sheets.service';
export * from './feedback.module';
export * from './feedback-approval-requests.service';
