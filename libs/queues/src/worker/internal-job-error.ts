import { jobIdentity } from './job-heartbeat';

/** The reason a job row carries when it failed for a cause of ours, not the tenant's input. */
export const INTERNAL_ERROR_REASON = 'internal_error';

/**
 * What a tenant reads (GET /v1/jobs/:id, the job's `error` event, a document's error) for
 * a job whose last attempt died of an unexpected error: a generic message and the ids to
 * quote, never the error's own message. Such messages carry internals: a Prisma error
 * names the source file and quotes the code and values of the failed call, a driver error
 * names constraints. The detail is in the worker's log, on the line QueueWorkerHost writes
 * for the failed attempt (`err`, with job_id and request_id). Every place where an unknown
 * error becomes a job's error goes through here.
 */
export function internalJobErrorMessage(payload: unknown): string {
  const { jobId, requestId } = jobIdentity(payload);
  const ids = [jobId && `job ${jobId}`, requestId && `request ${requestId}`].filter(Boolean).join(', ');
  return `The job failed because of an internal error${ids ? `; quote ${ids} to support` : ''}.`;
}
