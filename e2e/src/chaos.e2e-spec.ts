import { formatReport } from './chaos/report';
import { killWorkerAndLoseRedis } from './chaos/lost-job-recovery';
import { ChaosRun } from './chaos/run-chaos';

// The short version of `npm run chaos`: real processes on private Postgres/Redis
// servers, a worker SIGKILLed mid-load, provider 5xx/429 bursts and a Redis restart;
// afterwards every accepted request has ended, once.
describe('the platform under chaos', () => {
  it('ends every accepted request exactly once through worker kills, provider failures and a Redis restart', async () => {
    const run = new ChaosRun({
      durationMs: 20_000,
      users: 3,
      documents: 1,
      workers: 2,
      seed: 6,
      faults: ['worker-kill', 'provider-5xx', 'provider-429', 'redis-restart'],
      settleMs: 30_000,
      log: () => undefined,
    });
    let outcome;
    try {
      outcome = await run.run();
    } finally {
      run.abort();
    }
    const report = formatReport(outcome);
    // The report is the diagnosis when an assertion below fails.
    expect({ failures: outcome.failures, report }).toEqual({ failures: [], report: expect.any(String) });
    expect(outcome.injections.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['worker-kill', 'provider-5xx', 'provider-429', 'redis-restart']),
    );
    expect(outcome.providerFaultsServed).toMatchObject({
      server_error: expect.any(Number),
      rate_limited: expect.any(Number),
    });
    expect(outcome.load.accepted.length).toBeGreaterThan(0);
    // Otherwise the faults hit an idle system and the checks prove little.
    expect(outcome.injections.filter((i) => i.inFlight.length > 0).length).toBeGreaterThan(0);
    expect(outcome.observed.jobs.succeeded).toBeGreaterThan(0);
    expect(outcome.observed.recoveryMs).not.toContain(null);
  }, 150_000);
});

describe('the lost-job policy with default settings', () => {
  it('runs a job again on another worker within 60 s of its worker being SIGKILLed while Redis lost all its data', async () => {
    const observed = await killWorkerAndLoseRedis();

    expect(observed.runningAgainMs).toBeGreaterThan(0);
    expect(observed.runningAgainMs).toBeLessThanOrEqual(60_000);
    expect(observed.job).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(observed.assistantReplies).toEqual(['the final answer']);
  }, 240_000);
});
