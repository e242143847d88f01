import type { AuthContext } from '@copilot/auth';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient, TenantRepository } from '@copilot/persistence';
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
