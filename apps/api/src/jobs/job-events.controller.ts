import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { JobService } from '@copilot/conversations';
import { parseInput, validate } from '@copilot/http';
import { streamEntryId } from '@copilot/queues';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParam } from '../request-schemas';
import { JobEventStreamer } from './job-event-streamer';

const resumeFrom = z.object({ lastEventId: streamEntryId.optional() });

/**
 * GET /v1/jobs/:id/events: the job's event stream as Server-Sent Events. Every
 * event carries its stream id; `Last-Event-ID` (or `?lastEventId=`) resumes after it.
 */
@Controller('jobs')
export class JobEventsController {
  constructor(
    private readonly jobs: JobService,
    private readonly streamer: JobEventStreamer,
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
    await this.streamer.stream(reply, job, after);
  }
}
