import type { Collection, Copilot, Job, Tool } from '../generated/prisma/client';

export { JOB_STATUSES, type JobStatus } from '../lib/job-statuses';

// The public shape of records that more than one front door shows: the api answers
// with it and the CLI prints it (--json), so the two cannot drift apart. Type-only
// imports: the CLI loads this at start-up without loading the database client.

export const presentCopilot = (c: Copilot) => ({
  id: c.id,
  name: c.name,
  instructions: c.instructions,
  model: c.model,
  temperature: c.temperature,
  maxTokens: c.maxTokens,
  fallbackModels: c.fallbackModels,
  collectionIds: c.collectionIds,
  tools: c.tools as { name: string; approval: 'never' | 'always' }[],
  toolChoice: c.toolChoice as 'auto' | 'required' | 'none' | { name: string },
  maxSteps: c.maxSteps,
  maxToolCalls: c.maxToolCalls,
  parallelToolCalls: c.parallelToolCalls,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/** A tool as its tenant sees it: its credentials never, only whether it has some. */
export const presentTool = (t: Tool) => {
  const config = t.config as {
    method?: string;
    urlTemplate?: string;
    headers?: Record<string, string>;
    query?: string[];
    bodyArgument?: string;
    source?: unknown;
  };
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    kind: t.kind,
    http:
      t.kind === 'http'
        ? {
            method: config.method,
            urlTemplate: config.urlTemplate,
            headers: config.headers ?? {},
            ...(config.query ? { query: config.query } : {}),
            ...(config.bodyArgument ? { bodyArgument: config.bodyArgument } : {}),
            ...(config.source ? { source: config.source } : {}),
          }
        : null,
    hasCredentials: t.secretName !== null,
    idempotent: t.idempotent,
    timeoutMs: t.timeoutMs,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
};

export const presentCollection = (c: Collection) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  embeddingModel: c.embeddingModel,
  embeddingDimensions: c.embeddingDimensions,
  language: c.language,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/** A job of any tenant as platform operators see it (GET /v1/admin/jobs/:id, `jobs:show`). */
export const presentAdminJob = (j: Job) => ({
  id: j.id,
  tenantId: j.tenantId,
  queue: j.queue,
  type: j.name,
  status: j.status,
  progress: j.progress,
  attempts: j.attempts,
  reapCount: j.reapCount,
  payload: j.payload,
  result: j.result,
  error: j.error,
  requestId: j.requestId,
  createdAt: j.createdAt,
  dispatchedAt: j.dispatchedAt,
  startedAt: j.startedAt,
  heartbeatAt: j.heartbeatAt,
  finishedAt: j.finishedAt,
});
