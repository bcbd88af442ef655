export * from './user.entity';
export * from './password';
export * from './user.dto';
export * from './user.policy';
export * from './users.service';
export * from './users.module';
export * from './account-links.service';
export * from './password-strength';
