export * from './agreement.machine';
export * from './agreement.entity';
export * from './agreement.dto';
export * from './agreement.view';
export * from './agreement.policy';
export * from './agreements.service';
export * from './agreements.module';
export * from './agreement-reminders.service';
