import { Global, Module } from '@nestjs/common';
import { WorkflowWriter } from './workflow-writer.service';

@Global()
@Module({ providers: [WorkflowWriter], exports: [WorkflowWriter] })
export class WorkflowModule {}
