import { type ChildProcess, spawn } from 'node:child_process';

// Each spinning thread lowers its own CPU priority to the lowest, then only spins: no
// allocation, so no garbage collection either.
const THREAD = [
  "require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), 19);",
  'for (;;) {}',
].join('\n');

/**
 * Threads that only spin at the lowest CPU priority, in a process of their own: the
 * least intrusive way any ingest work can keep a machine's cores busy. Chat latency
 * beside them is the floor for chat latency beside ingest that uses the CPU at all.
 */
export class CpuSpin {
  private constructor(private readonly child: ChildProcess) {}

  static async start(threads: number): Promise<CpuSpin> {
    const main = [
      "const { Worker } = require('node:worker_threads');",
      `for (let i = 0; i < ${threads}; i++) new Worker(${JSON.stringify(THREAD)}, { eval: true });`,
      "require('node:os').setPriority(19);",
      "console.log('spinning');",
    ].join('\n');
    const child = spawn(process.execPath, ['-e', main], { stdio: ['ignore', 'pipe', 'inherit'] });
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
