import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';

// A thread lowers its own priority and nobody else's: the main thread, which serves
// chat, keeps its own.
describe('lowerThreadPriority', () => {
  it('sets the calling thread to the given nice value and leaves the main thread alone', async () => {
    const before = getPriority();
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      const { getPriority } = require('node:os');
      const { lowerThreadPriority } = require(${JSON.stringify(require.resolve('./thread-priority.ts'))});
      const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
      const lowered = lowerThreadPriority(19);
      parentPort.postMessage({ lowered, nice: getPriority(tid) });
    `;
    const register = require.resolve('@swc-node/register');
    const thread = new Worker(`require(${JSON.stringify(register)});\n${source}`, { eval: true });
    const answer = await new Promise<{ lowered: boolean; nice: number }>((resolve, reject) =>
      thread.once('message', resolve).once('error', reject),
    );
    await thread.terminate();
    expect(answer).toEqual({ lowered: true, nice: 19 });
    expect(getPriority()).toBe(before);
  });
});
