import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** Per-job event streams (Redis Streams) and the SSE endpoint that reads them. */
export const streamConfig = defineConcern(
  'stream',
  {
    EVENT_STREAM_MAX_LENGTH: {
      schema: positiveInt.default(10_000).describe('Events kept per job stream at most (approximate trim)'),
    },
    EVENT_STREAM_RETENTION_SECONDS: {
      schema: positiveInt.default(3_600).describe("How long a finished job's event stream stays replayable"),
    },
    TOKEN_FLUSH_INTERVAL_MS: {
      schema: positiveInt
        .default(50)
        .describe('Tokens after the first are coalesced into one stream event per interval'),
    },
    SSE_HEARTBEAT_MS: {
      schema: positiveInt
        .default(15_000)
        .describe('Comment line sent on idle SSE connections so proxies keep them open'),
    },
  },
  (v) => ({
    maxLength: v.EVENT_STREAM_MAX_LENGTH,
    retentionSeconds: v.EVENT_STREAM_RETENTION_SECONDS,
    tokenFlushIntervalMs: v.TOKEN_FLUSH_INTERVAL_MS,
    heartbeatMs: v.SSE_HEARTBEAT_MS,
  }),
);

export const outboxConfig = defineConcern(
  'outbox',
  {
    OUTBOX_RELAY_INTERVAL_MS: {
      schema: positiveInt
        .default(2_000)
        .describe('How often the outbox relay looks for jobs that never reached the queue'),
    },
    OUTBOX_RELAY_AFTER_MS: {
      schema: positiveInt.default(5_000).describe('How old an undispatched job must be before the relay enqueues it'),
    },
    OUTBOX_RELAY_BATCH: { schema: positiveInt.default(100).describe('Jobs the relay enqueues per pass') },
  },
  (v) => ({
    intervalMs: v.OUTBOX_RELAY_INTERVAL_MS,
    dispatchAfterMs: v.OUTBOX_RELAY_AFTER_MS,
    batchSize: v.OUTBOX_RELAY_BATCH,
  }),
);

export const workerConfig = defineConcern(
  'worker',
  {
    CHAT_CONCURRENCY: { schema: positiveInt.default(20).describe('Chat generations one worker process runs at once') },
    INGEST_CONCURRENCY: {
      schema: positiveInt
        .default(2)
        .describe('Documents one worker process ingests at once (parsing and embedding are CPU-heavy)'),
    },
    // A worker holds a lock on each job it runs and renews it; when the worker dies, the
    // lock lapses and the reaper (not BullMQ's stalled-job check) hands the job back.
    WORKER_LOCK_DURATION_MS: {
      schema: positiveInt
        .default(30_000)
        .describe(
          "How long a worker's lock on a running job lasts between renewals; when the worker dies, the lock lapses and the reaper may take the job back",
        ),
    },
  },
  (v) => ({
    chatConcurrency: v.CHAT_CONCURRENCY,
    ingestConcurrency: v.INGEST_CONCURRENCY,
    lockDurationMs: v.WORKER_LOCK_DURATION_MS,
  }),
);

/** Conversations and reply generation. */
export const chatConfig = defineConcern(
  'chat',
  {
    MAX_CONVERSATION_MESSAGES: {
      schema: positiveInt
        .default(100)
        .describe('Latest messages of a conversation sent to the model as history, at most'),
    },
    OPENAI_COMPAT_STORE_CONVERSATIONS: {
      schema: z
        .enum(['true', 'false'])
        .default('true')
        .transform((value) => value === 'true')
        .describe(
          "Whether /openai/v1 chat completions are kept as conversations (listed in GET /v1/conversations); a request's `store` field overrides it. false: removed once answered (usage still counts)",
        ),
    },
    TOOL_OUTPUT_MAX_BYTES: {
      schema: positiveInt
        .max(1_048_576)
        .default(16_384)
        .describe(
          "Bytes of a tool's output an agent run keeps and shows the model; the rest is cut (tool output is untrusted)",
        ),
    },
    AGENT_RUN_DEADLINE_SECONDS: {
      schema: positiveInt
        .max(86_400)
        .default(600)
        .describe(
          'Seconds an agent run may work (model steps and tool calls) from the moment it starts or resumes before it is stopped with stopReason deadline; a run parked for an approval or a tool output starts a new stretch when it resumes',
        ),
    },
    PENDING_ACTION_TTL_SECONDS: {
      schema: positiveInt
        .max(30 * 86_400)
        .default(86_400)
        .describe(
          'Seconds a parked agent run waits for an approval or a client tool output; then the calls waiting are reported to the model as expired and the run answers',
        ),
    },
    DEFAULT_MODEL: {
      schema: z
        .string()
        .regex(
          /^(local|(openai|anthropic|gemini)\/\S+)$/,
          'expected provider/model (openai, anthropic or gemini) or local',
        )
        .default('local')
        .meta({
          description:
            'Model of replies when the copilot names none; `local` is the built-in provider (no network, no key)',
          values: '`local`, `openai/<model>`, `anthropic/<model>`, `gemini/<model>`',
        }),
    },
  },
  (v) => ({
    maxHistoryMessages: v.MAX_CONVERSATION_MESSAGES,
    defaultModel: v.DEFAULT_MODEL,
    storeOpenAiCompletions: v.OPENAI_COMPAT_STORE_CONVERSATIONS,
    toolOutputMaxBytes: v.TOOL_OUTPUT_MAX_BYTES,
    agentDeadlineMs: v.AGENT_RUN_DEADLINE_SECONDS * 1000,
    pendingActionTtlMs: v.PENDING_ACTION_TTL_SECONDS * 1000,
  }),
);

/** The scheduler's own recurring work (besides the outbox relay). */
export const schedulerConfig = defineConcern(
  'scheduler',
  {
    LAST_USED_FLUSH_INTERVAL_MS: {
      schema: positiveInt
        .default(60_000)
        .describe("How often the scheduler moves API keys' last-used times from Redis into Postgres"),
    },
  },
  (v) => ({ lastUsedFlushIntervalMs: v.LAST_USED_FLUSH_INTERVAL_MS }),
);
