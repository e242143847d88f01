/**
 * `npm run chaos [-- --duration 120 --users 8 --seed 7 --faults worker-kill,redis-restart]`
 * Runs the chaos suite against private Postgres/Redis servers on loopback and a fake
 * provider, prints what was injected and observed, and exits 1 when a check failed.
 */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultKind } from './faults';
import { formatReport } from './report';
import { ChaosRun } from './run-chaos';

const USAGE = `usage: npm run chaos -- [options]
  --duration <s>    seconds of load with faults (default 90)
  --users <n>       concurrent chat users (default 8)
  --documents <n>   documents ingested during the run (default 6)
  --workers <n>     worker processes (default 2)
  --settle <s>      seconds jobs get to end after the load (default 60)
  --seed <n>        seed for timings and texts (default: the current time)
  --logs <dir>      write every app's output to this directory at the end
  --faults <list>   comma-separated, from: ${FAULT_KINDS.join(', ')} (default: all)`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got ${value}`);
  return n;
}

function faultList(value: string | undefined): FaultKind[] {
  if (value === undefined) return [...FAULT_KINDS];
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length)
    throw new Error(`--faults: unknown ${unknown.join(', ')}; expected some of ${FAULT_KINDS.join(', ')}`);
  return kinds as FaultKind[];
}

async function main(): Promise<number> {
  const names = ['duration', 'users', 'documents', 'workers', 'settle', 'seed', 'faults', 'logs'] as const;
  const { values } = parseArgs({
    options: { ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), help: { type: 'boolean' } },
  }) as { values: Partial<Record<(typeof names)[number], string>> & { help?: boolean } };
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seed = positive('seed', values.seed, Date.now() % 1_000_000);
  const run = new ChaosRun({
    durationMs: positive('duration', values.duration, 90) * 1000,
    users: positive('users', values.users, 8),
    documents: positive('documents', values.documents, 6),
    workers: Math.max(2, positive('workers', values.workers, 2)),
    settleMs: positive('settle', values.settle, 60) * 1000,
    seed,
    faults: faultList(values.faults),
    logsDir: values.logs,
    log: (line) => process.stderr.write(`chaos: ${new Date().toISOString().slice(11, 19)} ${line}\n`),
  });
  // Ctrl-C, a kill or a crash must not leave servers or data directories behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      run.abort();
      process.exit(130);
    });
  }
  process.once('exit', () => run.abort());
  process.stderr.write(`chaos: seed ${seed}\n`);
  const outcome = await run.run();
  process.stdout.write(`${formatReport(outcome)}\n`);
  if (outcome.failures.length) process.stderr.write(`${run.appOutput.join('\n')}\n`);
  return outcome.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
