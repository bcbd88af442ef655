export * from './token.service';
export * from './auth.service';
export * from './auth.guard';
export * from './auth.module';
