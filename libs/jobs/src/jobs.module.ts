import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner.service';
import { OutboxReconciler } from './outbox-reconciler.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry.service';

@Global()
@Module({})
export class JobsModule {
  /** API side: writes outbox rows, reports queue health. */
  static forApi(): DynamicModule {
    return { module: JobsModule, providers: [OutboxService, QueueRegistry], exports: [OutboxService, QueueRegistry] };
  }

  /** Worker side: also relays and reconciles the outbox and runs the `@OnJob` handlers. */
  static forWorker(): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [OutboxService, QueueRegistry, OutboxRelay, OutboxReconciler, JobRunner],
      exports: [OutboxService, QueueRegistry, OutboxRelay, OutboxReconciler, JobRunner],
    };
  }
}
