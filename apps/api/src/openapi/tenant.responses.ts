import { KEY_SCOPES } from '@copilot/auth';
import { WEBHOOK_EVENTS } from '@copilot/webhooks';
import { z } from 'zod';
import { component, count, EXAMPLE_IDS as IDS, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

const copilotExample = {
  id: IDS.copilot,
  name: 'Support assistant',
  instructions: 'Answer from the help center; say when you do not know.',
  model: 'anthropic/claude-sonnet-4-5',
  temperature: 0.2,
  maxTokens: 1024,
  fallbackModels: ['openai/gpt-4.1-mini'],
  collectionIds: [IDS.collection],
  tools: [
    { name: 'search_knowledge', approval: 'never' },
    { name: 'get_order', approval: 'never' },
  ],
  toolChoice: 'auto',
  maxSteps: 10,
  maxToolCalls: null,
  parallelToolCalls: true,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};
export const Copilot = component(
  'Copilot',
  z
    .object({
      id: uuid(),
      name: text(100),
      instructions: text(100_000),
      model: text(200).nullable().describe('provider/model; null means the platform default model.'),
      temperature: z.number().min(0).max(2).nullable(),
      maxTokens: count(200_000).nullable(),
      fallbackModels: z.array(text(200)).max(5),
      collectionIds: z.array(uuid()).max(20),
      tools: z
        .array(
          z
            .object({
              name: text(64).describe(
                'A tool of the tenant (GET /v1/tools) or a builtin: search_knowledge, fetch_url, current_time.',
              ),
              approval: z
                .enum(['never', 'always'])
                .describe('`always`: each call waits for POST /v1/jobs/{id}/approvals.'),
            })
            .strict(),
        )
        .max(128),
      toolChoice: z
        .union([z.enum(['auto', 'required', 'none']), z.object({ name: text(64) }).strict()])
        .describe('Whether the model must, may or may not call tools, or which one it must call.'),
      maxSteps: z.number().int().min(1).max(100).describe('Model steps a run may take before it is stopped.'),
      maxToolCalls: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .nullable()
        .describe('Tool calls a run may make; null: no cap but maxSteps.'),
      parallelToolCalls: z.boolean().describe('Whether the model may ask for several calls in one step.'),
      createdAt: time(),
      updatedAt: time(),
    })
    .strict()
    .meta({ example: copilotExample }),
  'A named assistant: instructions, model and the collections it answers from.',
);
export const CopilotPage = page('CopilotPage', Copilot, copilotExample);

const apiKeyFields = {
  id: uuid(),
  name: text(100),
  prefix: text(20).describe('The first characters of the key, to tell keys apart.'),
  scopes: z.array(z.enum(KEY_SCOPES)).max(KEY_SCOPES.length),
  rateLimit: count(1_000_000).nullable().describe('Requests per rate-limit window; null: the platform default.'),
  createdAt: time(),
  expiresAt: time().nullable(),
  revokedAt: time().nullable(),
  lastUsedAt: time().nullable(),
  replacedById: uuid().nullable().describe('The key that replaced this one by rotation.'),
};
const apiKeyExample = {
  id: IDS.apiKey,
  name: 'support widget',
  prefix: 'cp_4kq9',
  scopes: ['chat:read', 'chat:write'],
  rateLimit: null,
  createdAt: EXAMPLE_TIME,
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  replacedById: null,
};
export const ApiKey = component('ApiKey', z.object(apiKeyFields).strict().meta({ example: apiKeyExample }));
export const ApiKeyPage = page('ApiKeyPage', ApiKey, apiKeyExample);
export const ApiKeyWithSecret = component(
  'ApiKeyWithSecret',
  z
    .object({ ...apiKeyFields, key: text(200).describe('The secret key. Shown only in this response: store it now.') })
    .strict()
    .meta({ example: { ...apiKeyExample, key: 'cp_4kq9_example-secret-shown-once' } }),
);

const auditExample = {
  id: IDS.event,
  action: 'copilot.created',
  actor: { type: 'api_key', id: IDS.apiKey },
  target: { type: 'copilot', id: IDS.copilot },
  requestId: 'req-5d1f0c',
  metadata: {},
  createdAt: EXAMPLE_TIME,
};
export const AuditEvent = component(
  'AuditEvent',
  z
    .object({
      id: uuid(),
      action: text(100),
      actor: z.object({ type: z.enum(['api_key', 'jwt', 'cli']), id: text(255) }).strict(),
      target: z.object({ type: text(100), id: text(255).nullable() }).strict(),
      requestId: text(255).nullable(),
      metadata: jsonObject(),
      createdAt: time(),
    })
    .strict()
    .meta({ example: auditExample }),
);
export const AuditEventPage = page('AuditEventPage', AuditEvent, auditExample);

const webhookFields = {
  id: uuid(),
  url: text(2_000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length),
  description: text(500),
  enabled: z.boolean(),
  disabledReason: text(1_000)
    .nullable()
    .describe('Why the platform disabled it (e.g. 410 Gone); null when a person did.'),
  createdAt: time(),
  updatedAt: time(),
  links: z.object({ deliveries: text(100) }).strict(),
};
const webhookExample = {
  id: IDS.webhook,
  url: 'https://example.com/hooks/copilot',
  events: ['job.succeeded', 'job.failed'],
  description: 'CRM sync',
  enabled: true,
  disabledReason: null,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  links: { deliveries: `/v1/webhooks/${IDS.webhook}/deliveries` },
};
export const Webhook = component('Webhook', z.object(webhookFields).strict().meta({ example: webhookExample }));
export const WebhookPage = page('WebhookPage', Webhook, webhookExample);
export const WebhookWithSecret = component(
  'WebhookWithSecret',
  z
    .object({
      ...webhookFields,
      secret: text(200).describe('The signing secret (Standard Webhooks). Shown only in this response.'),
    })
    .strict()
    .meta({ example: { ...webhookExample, secret: 'whsec_example-shown-once' } }),
);
const deliveryExample = {
  id: IDS.delivery,
  webhookId: IDS.webhook,
  eventId: IDS.event,
  eventType: 'job.succeeded',
  status: 'succeeded',
  attempts: 1,
  lastResponseStatus: 200,
  lastError: null,
  lastDurationMs: 84,
  nextAttemptAt: null,
  finishedAt: EXAMPLE_TIME,
  createdAt: EXAMPLE_TIME,
  payload: { type: 'job.succeeded', data: { jobId: IDS.job } },
};
export const WebhookDelivery = component(
  'WebhookDelivery',
  z
    .object({
      id: uuid(),
      webhookId: uuid(),
      eventId: uuid().describe('Sent as `webhook-id`; the same for every delivery of one event.'),
      eventType: z.enum(WEBHOOK_EVENTS),
      status: z.enum(['pending', 'succeeded', 'failed']),
      attempts: count(),
      lastResponseStatus: count(599).nullable(),
      lastError: text(10_000).nullable(),
      lastDurationMs: count().nullable(),
      nextAttemptAt: time().nullable(),
      finishedAt: time().nullable(),
      createdAt: time(),
      payload: jsonObject(),
    })
    .strict()
    .meta({ example: deliveryExample }),
  'One event sent (or being sent) to one webhook.',
);
export const WebhookDeliveryPage = page('WebhookDeliveryPage', WebhookDelivery, deliveryExample);

export const ProviderKeyList = component(
  'ProviderKeyList',
  z
    .object({
      data: z
        .array(
          z
            .object({
              provider: z.enum(['openai', 'anthropic', 'gemini']),
              updatedAt: time(),
              /** The models the key is scoped to; null: every model. */
              models: z.array(z.string().max(200)).max(100).nullable(),
            })
            .strict(),
        )
        .max(3),
    })
    .strict()
    .meta({ example: { data: [{ provider: 'anthropic', updatedAt: EXAMPLE_TIME, models: null }] } }),
  'Which providers have a key of this tenant (the keys themselves are never shown).',
);

export const Usage = component(
  'Usage',
  z
    .object({
      from: time(),
      to: time(),
      groupBy: z.enum(['model', 'day']),
      data: z
        .array(
          z
            .object({
              day: text(10).optional().describe('UTC day (YYYY-MM-DD), when grouped by day.'),
              model: text(300).optional().describe('provider/model, when grouped by model.'),
              requests: count(Number.MAX_SAFE_INTEGER),
              inputTokens: count(Number.MAX_SAFE_INTEGER),
              outputTokens: count(Number.MAX_SAFE_INTEGER),
            })
            .strict(),
        )
        .max(1_000),
    })
    .strict()
    .meta({
      example: {
        from: '2026-10-23T00:00:00.000Z',
        to: EXAMPLE_TIME,
        groupBy: 'day',
        data: [{ day: '2026-11-21', requests: 42, inputTokens: 18250, outputTokens: 6120 }],
      },
    }),
  'Requests and tokens over [from, to), by model or by UTC day.',
);
