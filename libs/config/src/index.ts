export * from './lib/define-settings';
export * from './lib/load-settings';
export * from './lib/settings.module';
export * from './concerns/core.config';
export * from './concerns/database.config';
export * from './concerns/redis.config';
export * from './concerns/http.config';
export * from './concerns/jobs.config';
export * from './concerns/auth.config';
export * from './concerns/llm.config';
export * from './concerns/knowledge.config';
export * from './concerns/telemetry.config';
export * from './concerns/webhooks.config';
export * from './concerns/egress.config';
export * from './concerns/maintenance.config';

export * from './app-concerns';
