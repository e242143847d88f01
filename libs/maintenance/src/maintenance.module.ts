import { type DynamicModule, Module } from '@nestjs/common';
import { AdminJobs } from './admin/admin-jobs.service';
import { MAINTENANCE_OPTIONS, type MaintenanceOptions } from './maintenance-options';
import { QueueSampler } from './metrics/queue-sampler';
import { JobReaper } from './reaper/job-reaper';
import { RetentionPurge } from './retention/retention-purge';
import { MaintenanceSchedules } from './schedules/maintenance-schedules';
import { UsageRollup } from './usage/usage-rollup';

/** Housekeeping services: the api lists and replays, the scheduler registers, the worker runs them. */
@Module({})
export class MaintenanceModule {
  static forRoot(options: MaintenanceOptions): DynamicModule {
    const services = [AdminJobs, MaintenanceSchedules, JobReaper, RetentionPurge, UsageRollup, QueueSampler];
    return {
      module: MaintenanceModule,
      providers: [{ provide: MAINTENANCE_OPTIONS, useValue: options }, ...services],
      exports: services,
    };
  }
}
