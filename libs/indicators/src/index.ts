export * from './indicator-definitions';
export * from './indicator-math';
export * from './indicator-result';
export * from './indicator.sql';
export * from './indicator.dto';
export * from './indicator.policy';
export * from './indicators.service';
export * from './indicators.module';
