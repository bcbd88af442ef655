export * from './token.service';
export * from './session.service';
export * from './session-cookie';
export * from './auth.service';
export * from './auth.guard';
export * from './auth.module';
export * from './oidc';
