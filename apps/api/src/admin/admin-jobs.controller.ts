import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Auth, type AuthContext, PlatformAdmin } from '@copilot/auth';
import { validate } from '@copilot/http';
import { AdminJobs } from '@copilot/maintenance';
import { type Job, JOB_STATUSES } from '@copilot/persistence';
import { presentAdminJob } from '@copilot/persistence/presenters';
import { z } from 'zod';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { AdminJob, AdminJobPage } from '../openapi/admin.responses';

const adminJobsQuery = pageQuery.extend({
  status: z.enum(JOB_STATUSES, { error: `expected one of ${JOB_STATUSES.join(', ')}` }).optional(),
  tenantId: z.uuid({ error: 'expected a tenant id (UUID)' }).optional(),
});

/** What an operator needs to judge a job (the CLI's `jobs:show` prints the same), with its links. */
const presentAdminJobWithLinks = (j: Job) => ({
  ...presentAdminJob(j),
  links: { self: `/v1/admin/jobs/${j.id}`, retry: `/v1/admin/jobs/${j.id}/retry` },
});

/** Jobs of every tenant, for platform operators (a `platform:admin` API key). */
@ApiTags('Platform administration')
@Controller('admin/jobs')
@PlatformAdmin()
export class AdminJobsController {
  constructor(private readonly jobs: AdminJobs) {}

  @Get()
  @ApiRoute('adminListJobs', 'List jobs of every tenant, newest first', 'Filter by status and tenant.')
  @ApiJson(200, AdminJobPage, 'A page of jobs.')
  async list(@Query(validate(adminJobsQuery)) query: z.output<typeof adminJobsQuery>) {
    const page = await this.jobs.list(query);
    return { data: page.data.map(presentAdminJobWithLinks), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiRoute('adminGetJob', "Get any tenant's job")
  @ApiJson(200, AdminJob, 'The job.')
  @ApiProblemResponses(404)
  async get(@Param('id', validate(idParam)) id: string) {
    return presentAdminJobWithLinks(await this.jobs.get(id));
  }

  /** 202: the failed job is queued again from its first attempt (409 if it is not failed). */
  @Post(':id/retry')
  @HttpCode(202)
  @ApiRoute('adminRetryJob', 'Queue a failed job again from its first attempt')
  @ApiJson(202, AdminJob, 'The job, queued again.')
  @ApiProblemResponses(404, [409, 'The job has not failed.'])
  async retry(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    return presentAdminJobWithLinks(await this.jobs.retry(auth, id, requestId));
  }
}
