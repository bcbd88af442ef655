export * from './lifecycle';
export * from './workflow-writer.service';
export * from './workflow.module';
