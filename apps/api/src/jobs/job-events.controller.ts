import { Controller, Get, Headers, Inject, type OnModuleDestroy, Param, Query, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { JobService } from '@copilot/conversations';
import { parseInput, validate } from '@copilot/http';
import { TERMINAL_JOB_STATUSES, type JobStatus } from '@copilot/persistence';
import { FINAL_EVENT_TYPES, JobEventHub, type JobEvent, streamEntryId } from '@copilot/queues';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ApiSettings } from '../api.settings';
import { idParam } from '../request-schemas';

const resumeFrom = z.object({ lastEventId: streamEntryId.optional() });

/**
 * GET /v1/jobs/:id/events: the job's event stream as Server-Sent Events. Every
 * event carries its stream id; `Last-Event-ID` (or `?lastEventId=`) resumes after it.
 */
@Controller('jobs')
export class JobEventsController implements OnModuleDestroy {
  /** Open streams, ended at shutdown so the server can close; clients reconnect with Last-Event-ID. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly jobs: JobService,
    private readonly hub: JobEventHub,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get(':id/events')
  @Scopes('chat:read')
  async stream(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query(validate(resumeFrom)) query: z.output<typeof resumeFrom>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const job = await this.jobs.get(auth.tenantId, id);
    const after =
      parseInput(streamEntryId.optional(), lastEventIdHeader, 'headers.last-event-id') ?? query.lastEventId ?? '0-0';

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': stream open\n\n');

    // A job that ended longer ago than the retention period has no stream left: say how it ended.
    if (TERMINAL_JOB_STATUSES.includes(job.status as JobStatus) && !(await this.hub.exists(id))) {
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
    const unsubscribe = this.hub.watch(id, after, (events: JobEvent[]) => {
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
