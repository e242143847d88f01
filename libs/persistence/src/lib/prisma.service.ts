import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');
export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Wait for a pooled connection (or a new one) before the query fails as "database unavailable". */
  poolTimeoutMs?: number;
}

// Without a bound, pg waits for a free connection forever: a saturated pool turned
// every request into a hang, then a 500.
const DEFAULT_POOL_TIMEOUT_MS = 5_000;

export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.poolTimeoutMs ?? DEFAULT_POOL_TIMEOUT_MS,
    }),
  });
}

/** The apps' one Prisma client; it connects lazily on the first query. */
@Injectable()
export class PrismaService implements OnApplicationShutdown {
  readonly client: PrismaClient;

  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    this.client = createPrismaClient(options);
  }

  async ping(): Promise<void> {
    await this.client.$queryRaw`SELECT 1`;
  }

  /** Last shutdown phase, so in-flight work (closed in onModuleDestroy) can still query. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
  }
}
