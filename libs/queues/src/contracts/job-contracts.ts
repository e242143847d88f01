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

interface JobContract<Q extends QueueName, S extends z.ZodType> {
  queue: Q;
  payload: S;
}

const contract = <Q extends QueueName, S extends z.ZodType>(queue: Q, payload: S): JobContract<Q, S> => ({
  queue,
  payload,
});

/**
 * Housekeeping the scheduler triggers (BullMQ job schedulers). Not a tenant's job:
 * no job row, no tenant; the BullMQ job id comes from the scheduler.
 */
export const maintenancePayload = z.object({ traceparent: z.string().optional() });

// Job names are persisted like queue names (see queue-names.ts).
const TENANT_JOBS = {
  'chat.generate': contract(QUEUE.chat, chatGeneratePayload),
  'document.ingest': contract(QUEUE.ingest, documentIngestPayload),
  'webhook.deliver': contract(QUEUE.webhook, webhookDeliverPayload),
} as const;

const MAINTENANCE_JOBS = {
  'maintenance.retention': contract(QUEUE.maintenance, maintenancePayload),
  'maintenance.reap': contract(QUEUE.maintenance, maintenancePayload),
  'maintenance.usage-rollup': contract(QUEUE.maintenance, maintenancePayload),
} as const;

export const JOB_CONTRACTS = { ...TENANT_JOBS, ...MAINTENANCE_JOBS } as const;

export type JobName = keyof typeof JOB_CONTRACTS;
/** Jobs with a job row and a tenant: what the producer, the outbox and the reaper handle. */
export type TenantJobName = keyof typeof TENANT_JOBS;
export type MaintenanceJobName = keyof typeof MAINTENANCE_JOBS;
export const MAINTENANCE_JOB_NAMES = Object.keys(MAINTENANCE_JOBS) as MaintenanceJobName[];
export type JobOf<N extends JobName> = z.output<(typeof JOB_CONTRACTS)[N]['payload']>;
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_CONTRACTS)[N]['queue'] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CONTRACTS, name);
}

export function isTenantJobName(name: string): name is TenantJobName {
  return Object.hasOwn(TENANT_JOBS, name);
}
