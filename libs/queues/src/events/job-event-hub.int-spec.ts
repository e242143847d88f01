import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { JobEventHub } from './job-event-hub';
import type { JobEvent } from './job-events';
import { JobEventWriter } from './job-event-writer';
import { RedisConnections } from '@copilot/redis';

describe(JobEventHub.name, () => {
  const { redis } = loadSettings('api', [redisConfig] as const);
  const connections = new RedisConnections(redis);
  const writer = new JobEventWriter(connections, { maxLength: 1000, retentionSeconds: 60, tokenFlushIntervalMs: 10 });
  const hub = new JobEventHub(connections);
  afterAll(async () => {
    await hub.onApplicationShutdown();
    connections.onApplicationShutdown();
  });

  const collect = (jobId: string, afterId: string, until: (events: JobEvent[]) => boolean) =>
    new Promise<JobEvent[]>((resolve) => {
      const seen: JobEvent[] = [];
      const stop = hub.watch(jobId, afterId, (events) => {
        seen.push(...events);
        if (until(seen)) {
          stop();
          resolve(seen);
        }
      });
    });
  const isDone = (events: JobEvent[]) => events.some((e) => e.type === 'done');

  it('delivers events written after a client started watching, to every watcher', async () => {
    const jobId = randomUUID();
    const first = collect(jobId, '0-0', isDone);
    const second = collect(jobId, '0-0', isDone);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.append(jobId, 'status', { status: 'running' });
    await writer.append(jobId, 'token', { text: 'hi' });
    await writer.append(jobId, 'done', { status: 'succeeded' });
    for (const events of await Promise.all([first, second])) {
      expect(events.map((e) => e.type)).toEqual(['status', 'token', 'done']);
    }
  });

  it('replays a finished stream to a late client and resumes after a given id', async () => {
    const jobId = randomUUID();
    const ids = [
      await writer.append(jobId, 'status', { status: 'running' }),
      await writer.append(jobId, 'token', { text: 'a' }),
      await writer.append(jobId, 'token', { text: 'b' }),
      await writer.append(jobId, 'done', { status: 'succeeded' }),
    ];
    expect((await collect(jobId, '0-0', isDone)).map((e) => e.id)).toEqual(ids);
    expect((await collect(jobId, ids[1]!, isDone)).map((e) => e.id)).toEqual(ids.slice(2));
  });

  it('serves many watched jobs over a fixed number of connections', async () => {
    const jobIds = Array.from({ length: 200 }, () => randomUUID());
    const all = Promise.all(jobIds.map((id) => collect(id, '0-0', isDone)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hub.watchedStreams).toBe(200);
    await Promise.all(jobIds.map((id) => writer.append(id, 'done', { status: 'succeeded' })));
    expect((await all).every((events) => events.length === 1)).toBe(true);
    expect(hub.watchedStreams).toBe(0);
  });

  it('expires a stream some time after its final event', async () => {
    const jobId = randomUUID();
    await writer.append(jobId, 'token', { text: 'x' });
    await writer.append(jobId, 'done', { status: 'succeeded' });
    expect(await hub.exists(jobId)).toBe(true);
  });
});
