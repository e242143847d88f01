import { loadSettings, redisConfig } from '@copilot/config';
import { type Job, JobRepository, type PrismaClient } from '@copilot/persistence';
import { JobProducer } from '@copilot/queues';
import { RedisConnections } from '@copilot/redis';

/**
 * Hands a requeued job row to its queue now, through the platform's one producer,
 * instead of waiting for the scheduler's outbox relay. Best effort: if Redis is
 * unreachable the row stays undispatched and the relay enqueues it (the answer says which).
 */
export async function dispatchNow(owner: PrismaClient, job: Job): Promise<'now' | 'by the outbox relay'> {
  const connections = new RedisConnections(loadSettings('cli', [redisConfig] as const).redis);
  const producer = new JobProducer(connections);
  try {
    await producer.enqueueStored({ name: job.name, payload: job.payload });
    await new JobRepository().markDispatched(owner, job.id);
    return 'now';
  } catch {
    return 'by the outbox relay';
  } finally {
    await producer.onApplicationShutdown();
    connections.onApplicationShutdown();
  }
}
