import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { TERMINAL_JOB_STATUSES, type JobStatus } from '@copilot/persistence';
import { FINAL_EVENT_TYPES, JobEventHub, type JobEvent } from '@copilot/queues';
import type { FastifyReply } from 'fastify';
import type { ApiSettings } from '../api.settings';
import type { StreamSlot } from '../streams/stream-slots';

/**
 * Writes a job's event stream to an HTTP response as Server-Sent Events: for
 * GET /v1/jobs/:id/events and for a message POST that asked for a stream. Every
 * event carries its stream id, so a client that loses the connection resumes with
 * Last-Event-ID on GET /v1/jobs/:id/events.
 */
@Injectable()
export class JobEventStreamer implements OnModuleDestroy {
  /** Open streams, ended at shutdown so the server can close; clients reconnect with Last-Event-ID. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly hub: JobEventHub,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /**
   * Takes the response over and streams `job`'s events after `after` ('0-0': all).
   * `prelude` events (such as the stored message of a POST) are written first, without ids.
   * `slot` (StreamSlots) is the caller's place among its open streams: given back when the stream ends.
   */
  async stream(
    reply: FastifyReply,
    job: { id: string; status: string; result: unknown; error: unknown },
    after: string,
    slot: StreamSlot,
    options: { headers?: Record<string, string>; prelude?: { type: string; data: unknown }[] } = {},
  ): Promise<void> {
    reply.hijack();
    reply.raw.once('close', () => slot.release());
    const raw = reply.raw;
    raw.writeHead(200, {
      ...options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': stream open\n\n');
    for (const event of options.prelude ?? [])
      raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);

    // A job that ended longer ago than the retention period has no stream left: say how it ended.
    if (TERMINAL_JOB_STATUSES.includes(job.status as JobStatus) && !(await this.hub.exists(job.id))) {
      const type = job.status === 'failed' ? 'error' : 'done';
      raw.end(
        `event: ${type}\ndata: ${JSON.stringify({ status: job.status, ...((job.result ?? job.error ?? {}) as object) })}\n\n`,
      );
      return;
    }

    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), this.settings.stream.heartbeatMs);
    const close = () => {
      this.open.delete(close);
      clearInterval(heartbeat);
      unsubscribe();
      if (!raw.writableEnded) raw.end();
    };
    this.open.add(close);
    const unsubscribe = this.hub.watch(job.id, after, (events: JobEvent[]) => {
      for (const event of events) {
        raw.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
        if (FINAL_EVENT_TYPES.includes(event.type)) return close();
      }
    });
    raw.on('close', close);
  }

  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }
}
