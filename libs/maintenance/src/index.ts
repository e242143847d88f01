export * from './admin/admin-jobs.service';
export * from './maintenance-options';
export * from './maintenance.module';
export * from './metrics/queue-sampler';
export * from './reaper/job-reaper';
export * from './retention/retention-purge';
export * from './schedules/maintenance-schedules';
export * from './usage/usage-rollup';
