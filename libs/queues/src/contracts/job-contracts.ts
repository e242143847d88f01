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

// Job names are persisted like queue names (see queue-names.ts).
export const JOB_CONTRACTS = {
  'chat.generate': contract(QUEUE.chat, chatGeneratePayload),
  'document.ingest': contract(QUEUE.ingest, documentIngestPayload),
  'webhook.deliver': contract(QUEUE.webhook, webhookDeliverPayload),
} as const;

export type JobName = keyof typeof JOB_CONTRACTS;
export type JobOf<N extends JobName> = z.output<(typeof JOB_CONTRACTS)[N]['payload']>;
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_CONTRACTS)[N]['queue'] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CONTRACTS, name);
}
