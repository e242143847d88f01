import { QUEUE } from '@copilot/queues';
import { type MaintenanceFixture, maintenanceFixture } from '../testing/maintenance-fixture';
import { MaintenanceSchedules } from './maintenance-schedules';

describe(MaintenanceSchedules.name, () => {
  let replicaA: MaintenanceFixture;
  let replicaB: MaintenanceFixture;

  beforeAll(() => {
    replicaA = maintenanceFixture();
    replicaB = maintenanceFixture();
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  const schedulers = () => replicaA.producer.schedules(QUEUE.maintenance);
  // The first run of an `every` schedule is due at once (waiting); later ones are delayed.
  const pendingRuns = () => replicaA.producer.queue(QUEUE.maintenance).getJobs(['waiting', 'delayed']);

  it('keeps one scheduler per task, with an unchanged next run, however many replicas register', async () => {
    await replicaA.schedules.register();
    const first = await schedulers();
    await Promise.all([replicaB.schedules.register(), replicaA.schedules.register()]);
    const again = await schedulers();

    expect(again.map((s) => s.key).sort()).toEqual([
      'maintenance:reap',
      'maintenance:retention',
      'maintenance:usage-rollup',
    ]);
    expect(again.map((s) => s.next)).toEqual(first.map((s) => s.next));
    expect(await pendingRuns()).toHaveLength(3);
  });

  it('restores schedules that Redis lost when it registers again', async () => {
    await replicaA.schedules.register();
    const queue = replicaA.producer.queue(QUEUE.maintenance);
    for (const s of await schedulers()) await queue.removeJobScheduler(s.key);
    expect(await schedulers()).toHaveLength(0);

    await replicaB.schedules.register();

    expect(await schedulers()).toHaveLength(3);
  });

  it('lists every schedule with its queue, interval and next run, the in-process ones too', async () => {
    await replicaA.schedules.register();
    const list = await replicaA.schedules.list();
    const reap = list.find((s) => s.name === 'maintenance:reap');
    expect(reap).toMatchObject({
      queue: 'maintenance',
      everyMs: replicaA.options.maintenance.reaper.intervalMs,
      registered: true,
      lastRun: null,
    });
    expect(reap!.nextRunAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(list.find((s) => s.name === 'scheduler:outbox-relay')).toMatchObject({
      queue: null,
      everyMs: replicaA.options.outboxIntervalMs,
    });
    expect(list.map((s) => s.name)).toContain('scheduler:queue-sampling');
  });
});
