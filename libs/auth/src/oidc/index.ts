export * from './identity-provider.dto';
export * from './identity-provider.policy';
export * from './identity-providers.service';
export * from './oidc.service';
export * from './secret-box';
export * from './dev-provider';
