import { Redis } from 'ioredis';
// Jest loads globalSetup/globalTeardown without moduleNameMapper, so @copilot/* aliases
// cannot resolve here (nor anything they pull in): import the files themselves.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadSettings, redisConfig } from '../../config/src';
import type { ScratchDatabase } from './scratch-database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { scratchDatabase?: ScratchDatabase }).scratchDatabase?.drop();
  const { redis } = loadSettings('cli', [redisConfig] as const);
  const client = new Redis(redis.url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${redis.prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
