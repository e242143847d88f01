// The drain benchmark's baseline: a bare BullMQ worker whose jobs do nothing, so what
// it measures is BullMQ and Redis alone. Started as its own process, like our worker.
import { Worker } from 'bullmq';

const worker = new Worker(process.env.BENCH_QUEUE!, async () => undefined, {
  connection: { url: process.env.REDIS_URL! },
  prefix: process.env.REDIS_PREFIX!,
  concurrency: Number(process.env.BENCH_CONCURRENCY),
});
worker.waitUntilReady().then(() => process.stdout.write('ready\n'));
process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
