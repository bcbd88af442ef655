export * from './transfer.machine';
export * from './transfer.dto';
export * from './transfer.view';
export * from './transfer.policy';
export * from './transfers.service';
export * from './match.service';
export * from './transfers.module';
export * from './transfer-notifications.service';
