import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-definitions';

export const ON_JOB = 'kernteam:on-job';
/** Marks a service method as the handler of a job; the worker discovers it and runs it on the job's queue. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
