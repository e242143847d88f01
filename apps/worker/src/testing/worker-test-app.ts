import type { AuthContext } from '@copilot/auth';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { JobService } from '@copilot/conversations';
import { createPrismaClient, type Job, TenantRepository } from '@copilot/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { register } from 'prom-client';
import { WorkerModule } from '../worker.module';
import { loadWorkerSettings, type WorkerSettings } from '../worker.settings';

/** The worker in this process (its BullMQ consumers included), with settings adjusted per test. */
export async function startWorkerApp(
  adjust: (settings: WorkerSettings) => WorkerSettings = (s) => s,
): Promise<INestApplicationContext> {
  // Metrics live in prom-client's process-wide registry; a second app in one test process needs it empty.
  register.clear();
  return NestFactory.createApplicationContext(WorkerModule.forRoot(adjust(loadWorkerSettings())), { logger: false });
}

/** A tenant made the way the admin CLI makes it, optionally with a daily token budget. */
export async function createTenant(label: string, dailyTokenBudget?: bigint): Promise<string> {
  const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
  const admin = createPrismaClient(adminDatabase);
  try {
    const tenants = new TenantRepository();
    const tenant = await tenants.create(admin, { slug: `${label}-${Date.now()}`, name: label });
    if (dailyTokenBudget !== undefined) await tenants.setBudgets(admin, tenant.id, { daily: dailyTokenBudget });
    return tenant.id;
  } finally {
    await admin.$disconnect();
  }
}

/** A tenant admin acting through the services, as the api would after authentication. */
export const adminOf = (tenantId: string): AuthContext => ({
  tenantId,
  principalType: 'api_key',
  principalId: 'test',
  scopes: ['admin'],
  rateLimit: null,
});

/** The job once it has ended (succeeded, failed or cancelled), polled as a client would; throws past `timeoutMs`. */
export async function jobEnded(
  app: INestApplicationContext,
  tenantId: string,
  jobId: string,
  timeoutMs = 10_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await app.get(JobService).get(tenantId, jobId);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
