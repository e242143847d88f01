import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import {
  createPrismaClient,
  JobRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
} from '@copilot/persistence';
import { JobHeartbeat } from './job-heartbeat';

describe(JobHeartbeat.name, () => {
  const settings = loadSettings('worker', [databaseConfig, adminDatabaseConfig] as const);
  const prisma = new PrismaService(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const heartbeat = new JobHeartbeat(new TenantTransactions(prisma), new JobRepository(), { intervalMs: 100 });
  afterAll(async () => {
    await prisma.onApplicationShutdown();
    await admin.$disconnect();
  });

  it('touches a running job while its handler runs, and stops when it returns', async () => {
    const tenant = await new TenantRepository().create(admin, { slug: `beat-${Date.now()}`, name: 'beat' });
    const id = randomUUID();
    const payload = { jobId: id, tenantId: tenant.id, documentId: randomUUID() };
    await admin.job.create({
      data: { id, tenantId: tenant.id, queue: 'ingest', name: 'document.ingest', payload, status: 'running' },
    });
    const beatAt = async () => (await admin.job.findUniqueOrThrow({ where: { id } })).heartbeatAt;

    const result = await heartbeat.around(payload, async () => {
      await sleep(1_000);
      return 'done';
    });

    expect(result).toBe('done');
    const last = await beatAt();
    expect(last).toBeInstanceOf(Date);
    await sleep(500);
    expect(await beatAt()).toEqual(last);
  });

  it('runs a maintenance job (no row, no tenant) without touching anything', async () => {
    await expect(heartbeat.around({}, async () => 'ok')).resolves.toBe('ok');
  });
});
