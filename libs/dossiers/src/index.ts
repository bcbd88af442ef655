export * from './dossier.machine';
export * from './dossier.entity';
export * from './dossier.dto';
export * from './dossier.view';
export * from './dossier.policy';
export * from './dossiers.service';
export * from './dossiers.module';
export * from './subject-match-key';
