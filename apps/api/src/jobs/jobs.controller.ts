import { Controller, Get, Param } from '@nestjs/common';
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
}
