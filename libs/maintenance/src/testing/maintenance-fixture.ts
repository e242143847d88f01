import {
  adminDatabaseConfig,
  loadSettings,
  maintenanceConfig,
  outboxConfig,
  redisConfig,
  databaseConfig,
  streamConfig,
} from '@copilot/config';
import {
  createPrismaClient,
  DocumentRepository,
  RunStepRepository,
  JobRepository,
  MaintenanceRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
  UsageRepository,
  WebhookDeliveryRepository,
} from '@copilot/persistence';
import { JobCancellation, JobEventWriter, JobProducer, JobRunner } from '@copilot/queues';
import { RedisConnections } from '@copilot/redis';
import type { MaintenanceOptions } from '../maintenance-options';
import { JobReaper } from '../reaper/job-reaper';
import { RetentionPurge } from '../retention/retention-purge';
import { MaintenanceSchedules } from '../schedules/maintenance-schedules';
import { UsageRollup } from '../usage/usage-rollup';

/** The maintenance services wired by hand on the real database and Redis, with settings adjusted per test. */
export function maintenanceFixture(
  adjust: (m: MaintenanceOptions['maintenance']) => MaintenanceOptions['maintenance'] = (m) => m,
) {
  const settings = loadSettings('worker', [
    databaseConfig,
    adminDatabaseConfig,
    redisConfig,
    streamConfig,
    outboxConfig,
    maintenanceConfig,
  ] as const);
  const options: MaintenanceOptions = {
    maintenance: adjust(settings.maintenance),
    outboxIntervalMs: settings.outbox.intervalMs,
  };
  const prisma = new PrismaService(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const transactions = new TenantTransactions(prisma);
  const connections = new RedisConnections(settings.redis);
  const producer = new JobProducer(connections);
  const events = new JobEventWriter(connections, settings.stream);
  const maintenance = new MaintenanceRepository();
  const jobs = new JobRepository();
  const cancellation = new JobCancellation(connections);
  // No job definitions here: the reaper's endings write the row and the final event only.
  const runner = new JobRunner(transactions, jobs, events, cancellation);
  return {
    settings,
    options,
    prisma,
    admin,
    transactions,
    producer,
    events,
    jobs,
    runner,
    reaper: new JobReaper(
      prisma,
      transactions,
      maintenance,
      jobs,
      new DocumentRepository(),
      new RunStepRepository(),
      producer,
      runner,
      connections,
      options,
    ),
    retention: new RetentionPurge(prisma, transactions, maintenance, events, new WebhookDeliveryRepository(), options),
    rollup: new UsageRollup(prisma, transactions, maintenance, new UsageRepository()),
    schedules: new MaintenanceSchedules(producer, options),
    createTenant: (label: string, retentionDays: number | null = null) =>
      new TenantRepository()
        .create(admin, { slug: `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, name: label })
        .then((t) => admin.tenant.update({ where: { id: t.id }, data: { retentionDays } })),
    async close() {
      await producer.onApplicationShutdown();
      connections.onApplicationShutdown();
      await prisma.onApplicationShutdown();
      await admin.$disconnect();
    },
  };
}
export type MaintenanceFixture = ReturnType<typeof maintenanceFixture>;
