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

  it('beats every job running at once, across tenants, and only while each runs', async () => {
    const tenants = await Promise.all(
      ['a', 'b'].map((t) => new TenantRepository().create(admin, { slug: `beats-${t}-${Date.now()}`, name: t })),
    );
    const jobs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const tenantId = tenants[i % 2]!.id;
        const id = randomUUID();
        const payload = { jobId: id, tenantId, documentId: randomUUID() };
        await admin.job.create({
          data: { id, tenantId, queue: 'ingest', name: 'document.ingest', payload, status: 'running' },
        });
        return { id, payload };
      }),
    );
    const beats = async () =>
      (await admin.job.findMany({ where: { id: { in: jobs.map((j) => j.id) } } })).map((j) => j.heartbeatAt);

    // The first job ends early; the others run on.
    const [early, ...rest] = jobs;
    const earlyRun = heartbeat.around(early!.payload, () => sleep(50));
    const restRuns = rest.map((job) => heartbeat.around(job.payload, () => sleep(700)));
    await earlyRun;
    await Promise.all(restRuns);

    const touched = await beats();
    expect(touched.filter((at) => at instanceof Date)).toHaveLength(5);
    expect((await admin.job.findUniqueOrThrow({ where: { id: early!.id } })).heartbeatAt).toBeNull();
  });

  it('runs a maintenance job (no row, no tenant) without touching anything', async () => {
    await expect(heartbeat.around({}, async () => 'ok')).resolves.toBe('ok');
  });
});
