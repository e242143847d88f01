import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AnyOfScopes, Auth, type AuthContext, Scopes } from '@copilot/auth';
import { JobService } from '@copilot/conversations';
import { validate } from '@copilot/http';
import { presentJob } from '../presenters';
import { assertCanRead, JOB_READ_SCOPES } from './job-access';
import { idParam } from '../request-schemas';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Job } from '../openapi/chat.responses';

@ApiTags('Jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobService) {}

  @Get(':id')
  @AnyOfScopes(...JOB_READ_SCOPES)
  @ApiRoute(
    'getJob',
    'Get a job: status, progress, result or error',
    'A `document.ingest` job takes `documents:read`; every other job takes `chat:read`.',
  )
  @ApiJson(200, Job, 'The job.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentJob(assertCanRead(auth, await this.jobs.get(auth.tenantId, id)));
  }

  /** 202: a running job is being aborted (its stream ends `done` with status cancelled); a queued one already is. */
  @Post(':id/cancel')
  @HttpCode(202)
  @Scopes('chat:write')
  @ApiRoute(
    'cancelJob',
    'Cancel a job',
    'A queued job is cancelled at once; a running one is aborted (its stream ends with `done`, status cancelled).',
  )
  @ApiJson(202, Job, 'The job, cancelled or being aborted.')
  @ApiProblemResponses(404, [409, 'The job has already ended.'])
  async cancel(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentJob(await this.jobs.cancel(auth.tenantId, id));
  }
}
