import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { createServer } from 'node:net';
import { RedisConnections } from './redis-connections';
import { ensureConnected } from './redis-options';

/** A loopback port nothing listens on (infra libs do not import @copilot/testing). */
const unusedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe(RedisConnections.name, () => {
  const { redis } = loadSettings('worker', [redisConfig] as const);

  it('names every connection, lists the open ones and closes them all at shutdown', async () => {
    const connections = new RedisConnections(redis);
    const name = `probe-${randomUUID().slice(0, 8)}`;
    const persistent = connections.persistent(`${name}-persistent`);
    const failFast = await ensureConnected(connections.failFast(`${name}-fail-fast`));
    await persistent.ping();

    const clients = String(await failFast.client('LIST'));
    expect(clients).toContain(`name=${name}-persistent`);
    expect(clients).toContain(`name=${name}-fail-fast`);
    expect(connections.list().map((c) => c.name)).toEqual([`${name}-persistent`, `${name}-fail-fast`]);

    connections.onApplicationShutdown();
    expect(connections.list()).toEqual([]);
    for (let i = 0; i < 50 && [persistent.status, failFast.status].some((s) => s !== 'end'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect([persistent.status, failFast.status]).toEqual(['end', 'end']);
  });

  it('fails a fail-fast command at once while Redis is away', async () => {
    const connections = new RedisConnections({ url: `redis://127.0.0.1:${await unusedPort()}`, prefix: 'away' });
    try {
      const started = Date.now();
      await expect(ensureConnected(connections.failFast('away'))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      connections.onApplicationShutdown();
    }
  });
});
