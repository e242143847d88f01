import { type ChildProcess, spawn } from 'node:child_process';

/** What each thread does: spin only, or spin building and dropping objects (work for the garbage collector). */
export type SpinWork = 'spin' | 'allocate';

const WORK: Record<SpinWork, string> = {
  spin: 'for (;;) {}',
  // Arrays of small objects, some kept for a while: young and old generation collections.
  allocate: [
    'let kept = [];',
    'for (;;) {',
    "  const batch = []; for (let i = 0; i < 100000; i++) batch.push({ i, s: 'x' + i });",
    '  kept.push(batch); if (kept.length > 20) kept = [];',
    '}',
  ].join('\n'),
};

/**
 * Threads that keep a machine's cores busy at the lowest CPU priority, in a process of
 * their own started under `nice -n 19` (so its V8 and libuv helper threads are at 19
 * too). Chat latency beside `spin` is the floor for chat latency beside ingest that
 * uses the CPU at all; beside `allocate`, the floor for ingest that also allocates, as
 * every parser does, and so competes for caches, memory bandwidth and collection.
 */
export class CpuSpin {
  private constructor(private readonly child: ChildProcess) {}

  static async start(threads: number, work: SpinWork = 'spin'): Promise<CpuSpin> {
    const main = [
      "const { Worker } = require('node:worker_threads');",
      `for (let i = 0; i < ${threads}; i++) new Worker(${JSON.stringify(WORK[work])}, { eval: true });`,
      "console.log('spinning');",
    ].join('\n');
    const child = spawn('nice', ['-n', '19', process.execPath, '-e', main], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the CPU spinner exited (${code})`)));
      child.stdout!.once('data', () => resolve());
    });
    return new CpuSpin(child);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}
