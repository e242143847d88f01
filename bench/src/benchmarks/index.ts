import type { Benchmark } from '../lib/benchmark';
import { concurrency } from './concurrency';
import { drain } from './drain';
import { enqueue } from './enqueue';
import { ingest } from './ingest';
import { ingestIsolation } from './ingest-isolation';
import { scale } from './scale';
import { retrieval } from './retrieval';
import { search } from './search';
import { toolStep } from './tool-step';
import { ttft } from './ttft';

/** Every benchmark, in the order `npm run bench` runs them and docs/benchmarks.md lists them. */
export const BENCHMARKS: Benchmark[] = [
  {
    name: 'enqueue',
    measures:
      '`POST /v1/conversations/:id/messages` throughput and latency at fixed concurrency (auth, validation, transaction, enqueue)',
    baseline: 'the same inserts and the same BullMQ add from a plain script (no HTTP, no framework)',
    run: enqueue,
  },
  {
    name: 'drain',
    measures: 'chat jobs completed per second by one worker process with a zero-latency fake provider',
    baseline: 'raw BullMQ no-op jobs drained by a bare worker process at the same concurrency',
    run: drain,
  },
  {
    name: 'ttft',
    measures:
      'time to first token seen by an SSE client through api -> queue -> worker -> fake provider -> stream -> api',
    baseline: 'the same fake provider streamed directly to the same client',
    run: ttft,
  },
  {
    name: 'tool-step',
    measures:
      'what one tool step adds to a message (two model steps and a builtin call, with their run_steps rows and events) over the same message without tools, both to `done`',
    baseline: 'the extra model round trip itself: the same fake provider streamed directly',
    run: toolStep,
  },
  {
    name: 'concurrency',
    measures:
      'simultaneous slow streaming generations one worker process holds: RSS, event-loop delay p99, dropped events',
    baseline: 'none (absolute, with the limits found)',
    run: concurrency,
  },
  {
    name: 'scale',
    measures: 'chat throughput with 1, 2 and 4 worker processes on an I/O-bound fake provider',
    baseline: 'linear scaling from the 1-worker figure',
    run: scale,
  },
  {
    name: 'ingest',
    measures: 'chunks per second from posted documents to indexed rows (local embedder)',
    baseline: 'the same rows inserted into the same table by a plain script',
    run: ingest,
  },
  {
    name: 'ingest-isolation',
    measures:
      'chat time to first token on a worker whose ingest threads parse pathological documents (issue 14), and its event-loop delay',
    baseline: 'the same worker, idle, in the same run',
    run: ingestIsolation,
  },
  {
    name: 'search',
    measures: 'POST /v1/search latency (hybrid and vector, p50/p99) and vector recall@10 at 100k chunks',
    baseline: 'exact nearest neighbours by a sequential scan of the same rows',
    run: search,
  },
  {
    name: 'retrieval',
    measures:
      'search quality on the evaluation set (52 documents, 184 questions): recall@5 and MRR@5 for keyword, vector and hybrid, local and OpenAI-compatible (fake) embedders',
    baseline: 'the ideal (1.0), and for hybrid the better of its two halves',
    run: retrieval,
  },
];
