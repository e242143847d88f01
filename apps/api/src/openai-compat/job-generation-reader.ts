import { Injectable } from '@nestjs/common';
import { JobService } from '@copilot/conversations';
import type { Job } from '@copilot/persistence';
import { FINAL_EVENT_TYPES, JobEventHub, type JobEvent } from '@copilot/queues';

/** A generation job as the OpenAI routes need it: text as it comes, restarts, and the ended job row. */
export type GenerationEvent = { type: 'token'; text: string } | { type: 'restarted' } | { type: 'ended'; job: Job };

/**
 * Follows a chat job through its event stream (the same Redis Stream the SSE
 * routes read, multiplexed by JobEventHub), then reads the ended job row for its
 * outcome and token counts: the worker commits the row before it writes the final
 * event, so the row is complete by then.
 */
@Injectable()
export class JobGenerationReader {
  constructor(
    private readonly hub: JobEventHub,
    private readonly jobs: JobService,
  ) {}

  async *follow(tenantId: string, jobId: string, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
    const pending: JobEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = this.hub.watch(jobId, '0-0', (events) => {
      pending.push(...events);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        const event = pending.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        if (event.type === 'token') yield { type: 'token', text: event.data.text };
        else if (event.type === 'status' && event.data.status === 'restarted') yield { type: 'restarted' };
        else if (FINAL_EVENT_TYPES.includes(event.type)) {
          yield { type: 'ended', job: await this.jobs.get(tenantId, jobId) };
          return;
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }
}
