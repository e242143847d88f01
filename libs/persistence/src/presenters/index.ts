import type { Collection, Copilot, Job } from '../generated/prisma/client';

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
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

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
