import { z } from 'zod';
import { QUEUE, type QueueName } from './queue-names';

/** What every job carries: ids to find its data, never the data itself. */
export const jobEnvelope = z.object({
  jobId: z.uuid(),
  tenantId: z.uuid(),
  requestId: z.string().optional(),
  traceparent: z.string().optional(),
});

export const chatGeneratePayload = jobEnvelope.extend({
  conversationId: z.uuid(),
  /** The user message to answer. */
  messageId: z.uuid(),
  /** Tokens reserved against the tenant's budget when the message was accepted; settled by the worker. */
  reservation: z.object({ tokens: z.number().int().min(0), day: z.string(), month: z.string() }).nullish(),
  /** Collections to ground the reply in (besides the copilot's). */
  collectionIds: z.array(z.uuid()).optional(),
});

export const documentIngestPayload = jobEnvelope.extend({
  documentId: z.uuid(),
});

export const webhookDeliverPayload = jobEnvelope.extend({
  /** The delivery log row to send (it holds the event payload and the webhook). */
  deliveryId: z.uuid(),
});

/**
 * Why a job did not succeed, as its row's `error` and its stream's final event carry it:
 * a machine-readable reason, a message for people, and fields of the job's own.
 */
export const jobFailure = z.looseObject({ reason: z.string().max(200), message: z.string().max(10_000) });
export type JobFailure = z.output<typeof jobFailure>;

/** Why an agent run stopped. */
export const AGENT_STOP_REASONS = [
  'answered',
  'max_steps',
  'max_tool_calls',
  'deadline',
  'budget_exceeded',
  'loop_detected',
] as const;
export type AgentStopReason = (typeof AGENT_STOP_REASONS)[number];

export const chatGenerateResult = z.object({
  /** The assistant message stored with the reply (null when nothing was generated). */
  messageId: z.uuid().nullable(),
  provider: z.string().max(200).nullable(),
  model: z.string().max(200).nullable(),
  inputTokens: z.number().int().min(0).max(2_147_483_647),
  outputTokens: z.number().int().min(0).max(2_147_483_647),
  /** The provider's own word on why the reply ended (`length`: a limit cut it). */
  finishReason: z.string().max(200),
  /**
   * Agent runs (a copilot with tools): why the run stopped: `answered` (the model gave its
   * answer), or the cap that stopped it, after which one last call without tools answered.
   */
  stopReason: z.enum(AGENT_STOP_REASONS).optional(),
  /** Agent runs: model steps taken and tool calls made. */
  steps: z.number().int().min(0).max(1_000).optional(),
  toolCalls: z.number().int().min(0).max(100_000).optional(),
});
export const chatGenerateFailure = jobFailure.extend({
  provider: z.string().max(200).optional(),
  /** A cancelled reply keeps what was generated before the cancel. */
  messageId: z.uuid().nullable().optional(),
});

export const documentIngestResult = z.object({
  documentId: z.uuid(),
  chunks: z.number().int().min(1).max(2_147_483_647),
  stage: z.literal('indexed'),
});
export const documentIngestFailure = jobFailure.extend({
  /** The setting (or fixed rule) the document was over, when that is why. */
  limit: z.string().max(200).optional(),
  stage: z.literal('failed').optional(),
  documentId: z.uuid().optional(),
});

export const webhookDeliverResult = z.object({
  deliveryId: z.uuid(),
  responseStatus: z.number().int().nullable(),
});

interface JobContract<Q extends QueueName, S extends z.ZodType, R extends z.ZodType, F extends z.ZodType> {
  queue: Q;
  payload: S;
  /** The row's `result` when the job succeeded. */
  result: R;
  /** The row's `error` when it failed or was cancelled. */
  failure: F;
  /** Whether the job writes an event stream (clients follow it); webhook deliveries do not. */
  streams: boolean;
}

const contract = <Q extends QueueName, S extends z.ZodType, R extends z.ZodType, F extends z.ZodType>(
  queue: Q,
  payload: S,
  ending: { result: R; failure: F; streams: boolean },
): JobContract<Q, S, R, F> => ({ queue, payload, ...ending });

/**
 * Housekeeping the scheduler triggers (BullMQ job schedulers). Not a tenant's job:
 * no job row, no tenant; the BullMQ job id comes from the scheduler.
 */
export const maintenancePayload = z.object({ traceparent: z.string().optional() });

// Job names are persisted like queue names (see queue-names.ts).
const TENANT_JOBS = {
  'chat.generate': contract(QUEUE.chat, chatGeneratePayload, {
    result: chatGenerateResult,
    failure: chatGenerateFailure,
    streams: true,
  }),
  'document.ingest': contract(QUEUE.ingest, documentIngestPayload, {
    result: documentIngestResult,
    failure: documentIngestFailure,
    streams: true,
  }),
  'webhook.deliver': contract(QUEUE.webhook, webhookDeliverPayload, {
    result: webhookDeliverResult,
    failure: jobFailure,
    streams: false,
  }),
} as const;

const maintenance = <S extends z.ZodType>(payload: S) => ({ queue: QUEUE.maintenance, payload });
const MAINTENANCE_JOBS = {
  'maintenance.retention': maintenance(maintenancePayload),
  'maintenance.reap': maintenance(maintenancePayload),
  'maintenance.usage-rollup': maintenance(maintenancePayload),
} as const;

export const JOB_CONTRACTS = { ...TENANT_JOBS, ...MAINTENANCE_JOBS } as const;

export type JobName = keyof typeof JOB_CONTRACTS;
/** Jobs with a job row and a tenant: what the producer, the outbox and the reaper handle. */
export type TenantJobName = keyof typeof TENANT_JOBS;
export type MaintenanceJobName = keyof typeof MAINTENANCE_JOBS;
export const MAINTENANCE_JOB_NAMES = Object.keys(MAINTENANCE_JOBS) as MaintenanceJobName[];
export type JobOf<N extends JobName> = z.output<(typeof JOB_CONTRACTS)[N]['payload']>;
export type JobResultOf<N extends TenantJobName> = z.output<(typeof TENANT_JOBS)[N]['result']>;
export type JobFailureOf<N extends TenantJobName> = z.output<(typeof TENANT_JOBS)[N]['failure']>;
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_CONTRACTS)[N]['queue'] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CONTRACTS, name);
}

export function isTenantJobName(name: string): name is TenantJobName {
  return Object.hasOwn(TENANT_JOBS, name);
}

export function tenantJobContract<N extends TenantJobName>(name: N): (typeof TENANT_JOBS)[N] {
  return TENANT_JOBS[name];
}
