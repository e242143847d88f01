import { ROOT } from '@copilot/testing';
import { BENCHMARKS } from './benchmarks';
import { describeMachine } from './lib/machine';
import { renderDocument, renderResult, saveResult, type BenchmarkResult } from './lib/report';

/**
 * `npm run bench [-- <name>...] [--smoke]`: runs the named benchmarks (all by default)
 * against the local Postgres and Redis with fake providers, then writes
 * bench/results/<name>.json and the tables in docs/benchmarks.md. A smoke run writes nothing.
 */
async function main(argv: string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`,
    );
    return 2;
  }
  const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  let failed = 0;
  for (const benchmark of selected) {
    const started = Date.now();
    process.stdout.write(`== ${benchmark.name}${smoke ? ' (smoke)' : ''}\n`);
    const outcome = await benchmark.run({ size: { smoke } });
    const result: BenchmarkResult = {
      name: benchmark.name,
      measures: benchmark.measures,
      baseline: benchmark.baseline,
      ...outcome,
      machine: describeMachine(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
    };
    process.stdout.write(`${renderResult(result)}\n`);
    if (outcome.errors > 0) failed++;
    if (!smoke) await saveResult(ROOT, result);
  }
  if (!smoke)
    await renderDocument(
      ROOT,
      BENCHMARKS.map((b) => b.name),
    );
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
