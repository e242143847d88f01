import type { Benchmark } from '../lib/benchmark';
import { enqueue } from './enqueue';

/** Every benchmark, in the order `npm run bench` runs them and docs/benchmarks.md lists them. */
export const BENCHMARKS: Benchmark[] = [
  {
    name: 'enqueue',
    measures:
      '`POST /v1/conversations/:id/messages` throughput and latency at fixed concurrency (auth, validation, transaction, enqueue)',
    baseline: 'the same inserts and the same BullMQ add from a plain script (no HTTP, no framework)',
    run: enqueue,
  },
];
