import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AdminJobRepository } from '../repositories/admin-job.repository';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { AuditEventRepository } from '../repositories/audit-event.repository';
import { ChunkRepository } from '../repositories/chunk.repository';
import { CollectionRepository } from '../repositories/collection.repository';
import { TenantSecretRepository } from '../repositories/tenant-secret.repository';
import { UsageRepository } from '../repositories/usage.repository';
import { ConversationRepository } from '../repositories/conversation.repository';
import { CopilotRepository } from '../repositories/copilot.repository';
import { RunStepRepository } from '../repositories/run-step.repository';
import { ToolRepository } from '../repositories/tool.repository';
import { McpServerRepository } from '../repositories/mcp-server.repository';
import { DocumentRepository } from '../repositories/document.repository';
import { JobRepository } from '../repositories/job.repository';
import { MaintenanceRepository } from '../repositories/maintenance.repository';
import { MessageRepository } from '../repositories/message.repository';
import { TenantRepository } from '../repositories/tenant.repository';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookRepository } from '../repositories/webhook.repository';
import { DATABASE_OPTIONS, type DatabaseOptions, PrismaService } from './prisma.service';
import { TenantTransactions } from './tenant-transaction';

const repositories = [
  AdminJobRepository,
  ApiKeyRepository,
  AuditEventRepository,
  ChunkRepository,
  CollectionRepository,
  ConversationRepository,
  CopilotRepository,
  ToolRepository,
  McpServerRepository,
  RunStepRepository,
  DocumentRepository,
  JobRepository,
  MaintenanceRepository,
  MessageRepository,
  TenantRepository,
  TenantSecretRepository,
  UsageRepository,
  WebhookRepository,
  WebhookDeliveryRepository,
];

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }, PrismaService, TenantTransactions, ...repositories],
      exports: [PrismaService, TenantTransactions, ...repositories],
    };
  }
}
