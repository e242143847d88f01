import type { PrismaClient, Tenant } from '@copilot/persistence';
import type { Redis } from 'ioredis';
import type { AccessAdmin } from './admin/access-admin';
import type { DatabaseAdmin } from './admin/database-admin';
import type { JobAdmin } from './admin/job-admin';
import type { TenantAdmin } from './admin/tenant-admin';
import type { CliPlatform } from './platform/cli-platform';

/**
 * What commands share, opened on first use and closed once at the end. Libraries
 * load on first use too: `--help` and usage errors load neither Prisma nor NestJS.
 */
export class CliContext {
  exitCode = 0;
  private readonly closers: (() => Promise<unknown> | void)[] = [];
  private ownerClient?: PrismaClient;
  private appClient?: PrismaClient;
  private platformContext?: Promise<CliPlatform>;
  private redisClient?: Redis;

  // Platform administration through the schema owner's connection (it sees every tenant), by command group.
  async tenantAdmin(): Promise<TenantAdmin> {
    return new (await import('./admin/tenant-admin')).TenantAdmin(await this.adminDatabaseUrl());
  }

  async accessAdmin(): Promise<AccessAdmin> {
    return new (await import('./admin/access-admin')).AccessAdmin(await this.adminDatabaseUrl());
  }

  async jobAdmin(): Promise<JobAdmin> {
    return new (await import('./admin/job-admin')).JobAdmin(await this.adminDatabaseUrl());
  }

  async databaseAdmin(): Promise<DatabaseAdmin> {
    return new (await import('./admin/database-admin')).DatabaseAdmin(await this.adminDatabaseUrl());
  }

  async adminDatabaseUrl(): Promise<string> {
    const { adminDatabaseConfig, loadSettings } = await import('./on-demand/config');
    return loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase.url;
  }

  /** The owner's connection, for reads across tenants. */
  async owner(): Promise<PrismaClient> {
    if (!this.ownerClient) {
      const { createPrismaClient } = await import('./on-demand/persistence');
      const client = createPrismaClient({ url: await this.adminDatabaseUrl(), poolSize: 2 });
      this.closers.push(() => client.$disconnect());
      this.ownerClient = client;
    }
    return this.ownerClient;
  }

  /** The apps' own role, under row level security: reads inside one tenant see only that tenant. */
  async app(): Promise<PrismaClient> {
    if (!this.appClient) {
      const [{ databaseConfig, loadSettings }, { createPrismaClient }] = await Promise.all([
        import('./on-demand/config'),
        import('./on-demand/persistence'),
      ]);
      const { database } = loadSettings('cli', [databaseConfig] as const);
      const client = createPrismaClient({ url: database.url, poolSize: 2 });
      this.closers.push(() => client.$disconnect());
      this.appClient = client;
    }
    return this.appClient;
  }

  async tenant(ref: string): Promise<Tenant> {
    const [{ TenantRepository }, { unknownTenant }] = await Promise.all([
      import('./on-demand/persistence'),
      import('./admin/owner-session'),
    ]);
    const tenant = await new TenantRepository().findByRef(await this.owner(), ref);
    if (!tenant) throw unknownTenant(ref);
    return tenant;
  }

  /** The platform's own services (the api's), for work inside a tenant. */
  platform(): Promise<CliPlatform> {
    this.platformContext ??= import('./platform/cli-platform').then(async ({ startCliPlatform }) => {
      const platform = await startCliPlatform();
      this.closers.push(() => platform.close());
      return platform;
    });
    return this.platformContext;
  }

  async redis(): Promise<{ client: Redis; prefix: string }> {
    const { loadSettings, redisConfig } = await import('./on-demand/config');
    const { redis } = loadSettings('cli', [redisConfig] as const);
    if (!this.redisClient) {
      const { Redis } = await import('ioredis');
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
      client.on('error', () => undefined); // each failed command reports it
      await client.connect();
      this.closers.push(() => client.disconnect());
      this.redisClient = client;
    }
    return { client: this.redisClient, prefix: redis.prefix };
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}
