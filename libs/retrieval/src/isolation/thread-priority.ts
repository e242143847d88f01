import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

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
