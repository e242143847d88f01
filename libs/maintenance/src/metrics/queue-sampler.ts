import { Injectable } from '@nestjs/common';
import { JobProducer, QUEUE, type QueueName } from '@copilot/queues';

export const SAMPLED_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

export interface QueueSample {
  queue: QueueName;
  counts: Record<(typeof SAMPLED_STATES)[number], number>;
  /** Age of the oldest job still waiting; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/** Depth by state and oldest waiting age of every queue, read from Redis: what autoscaling keys on. */
@Injectable()
export class QueueSampler {
  constructor(private readonly producer: JobProducer) {}

  async sample(now = Date.now()): Promise<QueueSample[]> {
    const samples: QueueSample[] = [];
    for (const name of Object.values(QUEUE)) {
      const queue = this.producer.queue(name);
      const counts = await queue.getJobCounts(...SAMPLED_STATES);
      // asc: the head of the wait list, i.e. the job that has waited longest.
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      samples.push({
        queue: name,
        counts: Object.fromEntries(SAMPLED_STATES.map((s) => [s, counts[s] ?? 0])) as QueueSample['counts'],
        oldestWaitingSeconds: oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0,
      });
    }
    return samples;
  }
}
