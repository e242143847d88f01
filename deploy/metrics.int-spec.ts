// The dashboards and alerts must read metrics the apps really export: start the
// three apps as processes and scrape their /metrics.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { family, metricNames, promqlUses } from './validation/promql';
import { repoRoot } from './validation/tools';

const APPS = [
  ['api', 'PORT'],
  ['worker', 'WORKER_PORT'],
  ['scheduler', 'SCHEDULER_PORT'],
] as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `# TYPE <name> <type>` lines: prom-client lists every registered metric, observed or not. */
function exportedFamilies(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('metrics referenced by the dashboards and alerts', () => {
  const children: ChildProcess[] = [];
  const scraped = new Map<string, string>();
  const versions: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const ports = await Promise.all(APPS.map(() => freePort()));
    const env = {
      ...process.env,
      APP_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      APP_VERSION: '1.2.3-deploy',
      GIT_SHA: 'deadbeef',
      BUILD_DATE: '2026-11-22T00:00:00Z',
      ...Object.fromEntries(APPS.map(([, setting], i) => [setting, String(ports[i])])),
    };
    for (const [app] of APPS) {
      const child = spawn(process.execPath, [join(repoRoot, 'scripts/run-ts.cjs'), `apps/${app}/src/main.ts`], {
        cwd: repoRoot,
        env,
        stdio: 'ignore',
      });
      children.push(child);
    }
    // three apps compiling at once on a busy 2-core machine: generous
    await Promise.all(ports.map((port) => waitForOk(`http://127.0.0.1:${port}/health`, 90_000)));
    for (const port of ports) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const [name, type] of exportedFamilies(text)) scraped.set(name, type);
      versions.push((await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as Record<string, unknown>);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(null);
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
  }, 30_000);

  function missing(uses: { where: string; expr: string }[]): string[] {
    const histograms = new Set([...scraped].filter(([, type]) => type === 'histogram').map(([name]) => name));
    return uses.flatMap(({ where, expr }) =>
      metricNames(expr)
        .map((series) => family(series, histograms))
        // `up` is Prometheus' own, per target
        .filter((name) => name !== 'up' && !scraped.has(name))
        .map((name) => `${where}: ${name}`),
    );
  }

  it('are all exported by the running apps', () => {
    expect(scraped.size).toBeGreaterThan(20);
    expect(missing(promqlUses())).toEqual([]);
  });

  it('(a metric no app exports, or a histogram series of a counter, is reported)', () => {
    const bogus = [
      { where: 'a', expr: 'sum(rate(copilot_nonexistent_total[5m]))' },
      { where: 'b', expr: 'histogram_quantile(0.9, sum by (le) (rate(http_requests_total_bucket[5m])))' },
      { where: 'c', expr: 'histogram_quantile(0.9, sum by (le) (rate(job_wait_seconds_bucket[5m])))' },
    ];
    expect(missing(bogus)).toEqual(['a: copilot_nonexistent_total', 'b: http_requests_total_bucket']);
  });

  it('come from apps that serve the build stamped into their image on /version', () => {
    expect(versions).toEqual(
      ['api', 'worker', 'scheduler'].map((service) =>
        expect.objectContaining({
          service,
          version: '1.2.3-deploy',
          gitSha: 'deadbeef',
          buildDate: '2026-11-22T00:00:00Z',
        }),
      ),
    );
  });
});
