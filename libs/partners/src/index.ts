export * from './partner.entity';
export * from './partner.dto';
export * from './partner.policy';
export * from './partners.service';
export * from './partners.module';
