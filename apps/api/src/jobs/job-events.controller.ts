import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { AnyOfScopes, Auth, type AuthContext } from '@copilot/auth';
import { JobService } from '@copilot/conversations';
import { parseInput, validate } from '@copilot/http';
import { streamEntryId } from '@copilot/queues';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParam } from '../request-schemas';
import { StreamSlots } from '../streams/stream-slots';
import { assertCanRead, JOB_READ_SCOPES } from './job-access';
import { JobEventStreamer } from './job-event-streamer';
import { ApiTags } from '@nestjs/swagger';
import { ApiEventStream, ApiProblemResponses, ApiRoute, ApiZodHeader } from '../openapi/api-docs.decorators';
import { JobStreamEvent } from '../openapi/stream.responses';

const resumeFrom = z.object({ lastEventId: streamEntryId.optional() });

/**
 * GET /v1/jobs/:id/events: the job's event stream as Server-Sent Events. Every
 * event carries its stream id; `Last-Event-ID` (or `?lastEventId=`) resumes after it.
 */
@ApiTags('Jobs')
@Controller('jobs')
export class JobEventsController {
  constructor(
    private readonly jobs: JobService,
    private readonly streamer: JobEventStreamer,
    private readonly slots: StreamSlots,
  ) {}

  @Get(':id/events')
  @AnyOfScopes(...JOB_READ_SCOPES)
  @ApiRoute(
    'streamJobEvents',
    'Follow a job as Server-Sent Events',
    'Event types: `status`, `token`, `citation`, `usage`, then `done` or `error`. Several clients may watch one job; a client arriving after the end still gets the whole stream while it is retained (then one `done` or `error` event saying how the job ended). A `document.ingest` job takes `documents:read`; every other job takes `chat:read`.',
  )
  @ApiZodHeader('Last-Event-ID', streamEntryId, 'Resume after this event id (sent by browsers on reconnect).')
  @ApiEventStream("The job's events, from the start or after `Last-Event-ID` / `lastEventId`.", JobStreamEvent)
  @ApiProblemResponses(404, [
    429,
    'A request budget is spent, or the caller already holds as many open streams as allowed.',
  ])
  async stream(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query(validate(resumeFrom)) query: z.output<typeof resumeFrom>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const job = assertCanRead(auth, await this.jobs.get(auth.tenantId, id));
    const after =
      parseInput(streamEntryId.optional(), lastEventIdHeader, 'headers.last-event-id') ?? query.lastEventId ?? '0-0';
    await this.streamer.stream(reply, job, after, await this.slots.acquire(auth));
  }
}
