import { generateApiKeySecret } from '@copilot/auth';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { ApiKeyRepository, createPrismaClient, TenantRepository } from '@copilot/persistence';
import { createFastifyAdapter } from '@copilot/observability';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import { type ApiSettings, loadApiSettings } from '../api.settings';
import { AppModule } from '../app.module';
import { apiServerOptions, configureApi } from '../configure-api';

/** The api in this process (Fastify inject, no port), with settings adjusted per test. */
export async function startApi(
  adjust: (settings: ApiSettings) => ApiSettings = (s) => s,
  beforeInit: (app: NestFastifyApplication) => void = () => undefined,
  /** Test-only routes, behind the same guard, pipes and error filter as the real ones. */
  controllers: Type[] = [],
): Promise<{ app: NestFastifyApplication; settings: ApiSettings }> {
  // Each instance registers its metrics in prom-client's process-wide registry;
  // a second instance in one test process (two "replicas") needs it empty.
  register.clear();
  const settings = adjust(loadApiSettings());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(settings)], controllers }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(apiServerOptions(settings)));
  beforeInit(app);
  await configureApi(app, settings);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, settings };
}

/** A tenant and API keys made the way the admin CLI makes them. */
export async function createTenantWithKeys(
  label: string,
  keys: Record<string, { scopes: string[]; rateLimit?: number; expiresAt?: Date }>,
): Promise<{ tenantId: string; keys: Record<string, string>; keyIds: Record<string, string> }> {
  const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
  const admin = createPrismaClient(adminDatabase);
  try {
    const slug = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const tenant = await new TenantRepository().create(admin, { slug, name: label });
    const secrets: Record<string, string> = {};
    const ids: Record<string, string> = {};
    for (const [name, spec] of Object.entries(keys)) {
      const secret = generateApiKeySecret();
      const key = await new ApiKeyRepository().create(admin, {
        tenantId: tenant.id,
        name,
        prefix: secret.prefix,
        keyHash: secret.hash,
        scopes: spec.scopes,
        rateLimit: spec.rateLimit ?? null,
        expiresAt: spec.expiresAt ?? null,
      });
      secrets[name] = secret.key;
      ids[name] = key.id;
    }
    return { tenantId: tenant.id, keys: secrets, keyIds: ids };
  } finally {
    await admin.$disconnect();
  }
}
