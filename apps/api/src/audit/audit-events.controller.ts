import { Controller, Get, Query } from '@nestjs/common';
import { AuditLog, Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import type { AuditEvent } from '@copilot/persistence';
import { z } from 'zod';
import { pageQuery } from '../request-schemas';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiRoute } from '../openapi/api-docs.decorators';
import { AuditEventPage } from '../openapi/tenant.responses';

const auditQuery = pageQuery.extend({ action: z.string().max(100).optional() });

const present = (e: AuditEvent) => ({
  id: e.id,
  action: e.action,
  actor: { type: e.actorType, id: e.actorId },
  target: { type: e.targetType, id: e.targetId },
  requestId: e.requestId,
  metadata: e.metadata,
  createdAt: e.createdAt,
});

/** The tenant's audit trail, newest first; for tenant admins. */
@ApiTags('Audit')
@Controller('audit-events')
@Scopes('admin')
export class AuditEventsController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiRoute('listAuditEvents', 'List the audit trail of the tenant, newest first')
  @ApiJson(200, AuditEventPage, 'A page of audit events.')
  async list(@Auth() auth: AuthContext, @Query(validate(auditQuery)) query: z.output<typeof auditQuery>) {
    const page = await this.audit.list(auth.tenantId, query);
    return { data: page.data.map(present), nextCursor: page.nextCursor };
  }
}
