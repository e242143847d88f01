// No imports: the CLI reads this at start-up, before (or without) the database client.
export const JOB_STATUSES = ['queued', 'running', 'requires_action', 'succeeded', 'failed', 'cancelled'] as const;
/** `requires_action`: parked, waiting for something (a person, a client's tool result) to resume it. */
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
