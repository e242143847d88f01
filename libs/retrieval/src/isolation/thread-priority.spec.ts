import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { lowerHelperThreadsPriority } from './thread-priority';

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

// The GC helpers and libuv's pool collect and read for the ingest threads; they are
// lowered too, and the main thread is not.
describe('lowerHelperThreadsPriority', () => {
  it('lowers every thread of the process but the main one', async () => {
    const before = getPriority();
    const thread = new Worker('setInterval(() => {}, 1000)', { eval: true });
    await new Promise((resolve) => thread.once('online', resolve));
    try {
      const others = () =>
        readdirSync('/proc/self/task')
          .map(Number)
          .filter((tid) => tid !== process.pid);
      expect(others().some((tid) => getPriority(tid) < 19)).toBe(true);
      expect(lowerHelperThreadsPriority(19)).toBeGreaterThan(0);
      const niceValues = others().map((tid) => getPriority(tid));
      expect(niceValues).toEqual(niceValues.map(() => 19));
      expect(getPriority()).toBe(before);
    } finally {
      await thread.terminate();
    }
  });
});
