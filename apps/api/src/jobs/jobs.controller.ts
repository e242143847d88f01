import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { JobService } from '@copilot/conversations';
import { validate } from '@copilot/http';
import { presentJob } from '../presenters';
import { idParam } from '../request-schemas';

@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobService) {}

  @Get(':id')
  @Scopes('chat:read')
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentJob(await this.jobs.get(auth.tenantId, id));
  }

  /** 202: a running job is being aborted (its stream ends `done` with status cancelled); a queued one already is. */
  @Post(':id/cancel')
  @HttpCode(202)
  @Scopes('chat:write')
  async cancel(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentJob(await this.jobs.cancel(auth.tenantId, id));
  }
}
