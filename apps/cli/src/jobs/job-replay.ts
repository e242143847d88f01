import { randomUUID } from 'node:crypto';
import { NotFound } from '@copilot/errors';
import { type Job, TERMINAL_JOB_STATUSES, type JobStatus } from '@copilot/persistence';
import type { JobEvent } from '@copilot/queues';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { dispatchNow } from './job-dispatch';
import { readJobEvents } from './job-event-log';

export interface Replay {
  jobId: string;
  type: string;
  status: string;
  /** retried: the same job runs again; reingested: a new job; events: only the recorded stream. */
  mode: 'retried' | 'reingested' | 'events';
  newJobId: string | null;
  summary: string;
  events: JobEvent[] | null;
}

/**
 * What "replay" can honestly mean for each job: a failed job runs again (it did
 * not take effect); a finished ingest is run again as a new job (re-ingest replaces
 * chunks atomically); a finished reply or webhook delivery is not run twice (it would
 * write a second reply or send a second delivery), its recorded events are read back.
 */
export async function replayJob(cli: CliContext, job: Job): Promise<Replay> {
  const base = { jobId: job.id, type: job.name, status: job.status, newJobId: null, events: null };
  if (!TERMINAL_JOB_STATUSES.includes(job.status as JobStatus)) {
    throw new CommandError(
      `job ${job.id} is still ${job.status}: nothing to replay yet; follow it with jobs:show ${job.id}`,
    );
  }
  if (job.status === 'failed') {
    await (await cli.jobAdmin()).retryJob(job.id);
    const dispatched = await dispatchNow(await cli.owner(), { ...job, status: 'queued' });
    return {
      ...base,
      mode: 'retried',
      summary: `failed job ${job.id} runs again from its first attempt; dispatched ${dispatched}`,
    };
  }
  if (job.name === 'document.ingest') {
    const documentId = (job.payload as { documentId?: string }).documentId!;
    const { documents } = await cli.platform();
    const { job: next } = await documents
      .retry(job.tenantId, documentId, `cli-replay-${randomUUID()}`)
      .catch((error: unknown) => {
        if (error instanceof NotFound)
          throw new CommandError(`document ${documentId} of job ${job.id} was deleted: nothing to ingest again`);
        throw error;
      });
    return {
      ...base,
      mode: 'reingested',
      newJobId: next.id,
      summary: `document ${documentId} is ingested again as job ${next.id}; follow it with jobs:show ${next.id}`,
    };
  }
  const { client, prefix } = await cli.redis();
  const events = await readJobEvents(client, prefix, job.id);
  return {
    ...base,
    mode: 'events',
    events,
    summary:
      `job ${job.id} (${job.name}) ${job.status}; it is not run twice (its effect already happened). ` +
      (events
        ? `Its recorded events (${events.length}):`
        : 'Its event stream is no longer retained; result and error are in jobs:show.'),
  };
}
