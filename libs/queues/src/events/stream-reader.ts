import type { Redis } from 'ioredis';
import { compareStreamIds, type JobEvent, toJobEvent } from './job-events';

type Deliver = (events: JobEvent[]) => void;
interface Watcher {
  cursor: string;
  deliver: Deliver;
}

const BLOCK_MS = 5_000;
const BATCH = 500;

/**
 * Serves any number of watched streams over ONE blocking connection: a single
 * XREAD waits on every watched key at once, from the oldest cursor among each key's
 * watchers, and hands each watcher only the entries past its own cursor.
 */
export class StreamReader {
  private readonly watchers = new Map<string, Set<Watcher>>();
  private loop?: Promise<void>;
  private blockingClientId?: number;
  private wakePending = false;
  private closed = false;

  constructor(
    private readonly blocking: Redis,
    private readonly command: Redis,
    private readonly onError: (error: unknown) => void,
  ) {}

  get watchedStreams(): number {
    return this.watchers.size;
  }

  watch(key: string, afterId: string, deliver: Deliver): () => void {
    const watcher: Watcher = { cursor: afterId, deliver };
    const set = this.watchers.get(key) ?? new Set<Watcher>();
    set.add(watcher);
    this.watchers.set(key, set);
    this.ensureRunning();
    this.wake();
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.watchers.get(key) === set) this.watchers.delete(key);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    this.wake();
    await this.loop;
  }

  private ensureRunning(): void {
    if (this.loop || this.closed) return;
    // A watcher added just as the loop decided to stop would be stranded: restart for it.
    this.loop = this.run().finally(() => {
      this.loop = undefined;
      if (this.watchers.size > 0) this.ensureRunning();
    });
  }

  /** Ends the current blocking XREAD so the next one includes newly watched keys. */
  private wake(): void {
    if (this.wakePending || this.blockingClientId === undefined) return;
    this.wakePending = true;
    queueMicrotask(() => {
      this.wakePending = false;
      this.command.client('UNBLOCK', this.blockingClientId!).catch(this.onError);
    });
  }

  private async run(): Promise<void> {
    this.blockingClientId ??= Number(await this.blocking.client('ID'));
    while (!this.closed && this.watchers.size > 0) {
      const keys = [...this.watchers.keys()];
      const cursors = keys.map((key) => oldestCursor(this.watchers.get(key)!));
      try {
        const reply = (await this.blocking.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...cursors)) as
          [string, [string, string[]][]][] | null;
        for (const [key, entries] of reply ?? [])
          this.dispatch(
            key,
            entries.map(([id, fields]) => toJobEvent(id, fields)),
          );
      } catch (error) {
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private dispatch(key: string, events: JobEvent[]): void {
    for (const watcher of this.watchers.get(key) ?? []) {
      const fresh = events.filter((event) => compareStreamIds(event.id, watcher.cursor) > 0);
      if (fresh.length === 0) continue;
      watcher.cursor = fresh.at(-1)!.id;
      watcher.deliver(fresh);
    }
  }
}

function oldestCursor(watchers: Set<Watcher>): string {
  let oldest: string | undefined;
  for (const w of watchers) if (oldest === undefined || compareStreamIds(w.cursor, oldest) < 0) oldest = w.cursor;
  return oldest ?? '0-0';
}
