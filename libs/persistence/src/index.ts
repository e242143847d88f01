export * from './lib/cursor';
export * from './lib/database-errors';
export * from './lib/persistence.module';
export * from './lib/prisma.service';
export * from './lib/tenant-transaction';
export * from './migrations/apply-migrations';
export * from './repositories/admin-job.repository';
export * from './repositories/api-key.repository';
export * from './repositories/audit-event.repository';
export * from './repositories/chunk.repository';
export * from './repositories/collection.repository';
export * from './repositories/tenant-secret.repository';
export * from './repositories/usage.repository';
export * from './repositories/conversation.repository';
export * from './repositories/copilot.repository';
export * from './repositories/document.repository';
export * from './repositories/job.repository';
export * from './repositories/maintenance.repository';
export * from './repositories/message.repository';
export * from './repositories/tenant.repository';
export * from './repositories/tool.repository';
export * from './repositories/mcp-server.repository';
export * from './repositories/run-step.repository';
export * from './repositories/webhook.repository';
export * from './repositories/webhook-delivery.repository';
export type {
  ApiKey,
  AuditEvent,
  Collection,
  Conversation,
  Copilot,
  Document,
  Job,
  McpServer,
  Message,
  PrismaClient,
  Tenant,
  TenantSecret,
  RunStep,
  Tool,
  UsageRecord,
  Webhook,
  WebhookDelivery,
} from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
