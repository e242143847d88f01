import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of ingest work: the lowest CPU priority Linux has. */
export const INGEST_NICE = 19;

/**
 * Lowers the calling thread's CPU priority to `nice` (0 leaves it). On Linux a thread
 * id is a valid target of setpriority(2), and /proc/thread-self names the calling
 * thread; elsewhere there is no per-thread priority, and this does nothing. Raising a
 * nice value needs no privilege.
 */
export function lowerThreadPriority(nice: number): boolean {
  if (nice <= 0 || process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(threadId, Math.min(19, nice));
    return true;
  } catch {
    return false;
  }
}

/**
 * Lowers every thread of this process except the main one to at least `nice`: V8's
 * garbage-collector and compiler helpers, libuv's pool, worker threads. Returns how
 * many it lowered. Linux only (elsewhere 0).
 *
 * Why: an ingest thread at nice 19 still allocates, and the GC helpers that collect
 * for it run at nice 0, competing with the main thread that streams chat. With them
 * lowered too, bench ingest-isolation's p99 TTFT beside one hostile document went
 * from 2.3x idle to 1.4x (two runs each).
 * A thread that ends between listing and lowering is skipped.
 */
export function lowerHelperThreadsPriority(nice: number): number {
  if (nice <= 0 || process.platform !== 'linux') return 0;
  const target = Math.min(19, nice);
  let threadIds: number[];
  try {
    threadIds = readdirSync('/proc/self/task').map(Number);
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const threadId of threadIds) {
    if (threadId === process.pid) continue;
    try {
      if (getPriority(threadId) >= target) continue;
      setPriority(threadId, target);
      lowered++;
    } catch {
      // Gone already, or not ours to change.
    }
  }
  return lowered;
}
