import { randomUUID } from 'node:crypto';
import { type MaintenanceFixture, maintenanceFixture } from '../testing/maintenance-fixture';
import { QueueSampler } from './queue-sampler';

describe(QueueSampler.name, () => {
  let f: MaintenanceFixture;
  let sampler: QueueSampler;

  beforeAll(() => {
    f = maintenanceFixture();
    sampler = new QueueSampler(f.producer);
  });
  afterAll(() => f.close());

  it('reports every queue, its depth by state and how long its oldest job has waited', async () => {
    const webhook = f.producer.queue('webhook');
    await webhook.add('webhook.deliver', {}, { jobId: randomUUID() });
    await webhook.add('webhook.deliver', {}, { jobId: randomUUID() });
    await webhook.add('webhook.deliver', {}, { jobId: randomUUID(), delay: 60_000 });

    const samples = await sampler.sample(Date.now() + 30_000);

    expect(samples.map((s) => s.queue).sort()).toEqual(['chat', 'ingest', 'maintenance', 'webhook']);
    const sample = samples.find((s) => s.queue === 'webhook')!;
    expect(sample.counts).toMatchObject({ waiting: 2, delayed: 1, active: 0 });
    expect(sample.oldestWaitingSeconds).toBeGreaterThanOrEqual(30);
    expect(samples.find((s) => s.queue === 'chat')!.oldestWaitingSeconds).toBe(0);
  });
});
