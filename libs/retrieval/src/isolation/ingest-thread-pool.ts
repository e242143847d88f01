import type { Worker } from 'node:worker_threads';
import type { PrepareInput, PreparedDocument } from '../ingest/prepare-document';
import { deserializeError, type PrepareReply } from './prepare-protocol';
import { startThread } from './thread-entry';
import { INGEST_NICE, lowerHelperThreadsPriority } from './thread-priority';

export interface IngestThreadOptions {
  /** Threads at most; each prepares one document at a time. */
  size: number;
  /** Per document; past it the thread is terminated. */
  timeoutMs: number;
  /** Old-generation heap of each thread. */
  memoryMb: number;
}

/** The thread, not the document's content, ended the attempt: its heap, its time, or a crash. */
export class IngestThreadFailure extends Error {
  constructor(
    readonly reason: 'too_large' | 'parse_timeout' | 'parser_crashed',
    message: string,
    readonly limit?: string,
  ) {
    super(message);
    this.name = 'IngestThreadFailure';
  }
}

/**
 * Parsing and chunking off the worker's event loop, in a few reused worker threads
 * (starting one loads the parsers and the tokenizer: a few hundred milliseconds of
 * CPU). Each thread has a heap limit and each document a time limit; a thread that
 * runs out of either is terminated and replaced, and the document fails with a
 * reason, while chat jobs on the main thread keep streaming.
 */
export class IngestThreadPool {
  private readonly threads = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: ((thread: Promise<Worker> | null) => void)[] = [];
  private sequence = 0;
  private closed = false;
  private helperSweep?: NodeJS.Timeout;
  /** Threads started so far (a replaced thread counts again). */
  started = 0;

  constructor(private readonly options: IngestThreadOptions) {}

  /** Parses and chunks one document in a thread; `onChunking` when parsing is done. */
  async prepare(input: PrepareInput, onChunking?: () => void): Promise<PreparedDocument> {
    const thread = await this.acquire();
    return this.runOn(thread, input, onChunking);
  }

  /** Nest's last shutdown phase: after the queue consumers have let running jobs finish. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Terminates every thread; waiting and running documents fail. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.helperSweep);
    for (const wake of this.waiting.splice(0)) wake(null);
    const threads = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the ingest thread pool is closed'));
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.threads.size < this.options.size) return this.spawn();
    return new Promise((resolve, reject) =>
      this.waiting.push((thread) => (thread ? resolve(thread) : reject(new Error('the ingest thread pool is closed')))),
    );
  }

  /**
   * A new thread, once it has loaded the parsers: a document's time limit starts
   * when the document does, not while a thread starts on a busy machine. A thread
   * that cannot start is the platform's failure (retried), not the document's.
   */
  private spawn(): Promise<Worker> {
    const thread = startThread('prepare-document', { maxOldGenerationSizeMb: this.options.memoryMb });
    this.threads.add(thread);
    this.started++;
    thread.once('exit', () => this.discard(thread));
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`an ingest thread stopped while starting (exit code ${code})`));
      thread.once('error', reject).once('exit', onExit);
      thread.once('message', (message: { ready?: boolean }) => {
        thread.off('error', reject).off('exit', onExit);
        if (message.ready) {
          this.yieldCoresToMainThread();
          resolve(thread);
        } else reject(new Error('an ingest thread did not announce it was ready'));
      });
    });
  }

  /**
   * Once this process ingests, every thread but the main one runs at the ingest
   * threads' priority: the GC helpers that collect for them, and libuv's pool, too
   * (bench ingest-isolation: p99 TTFT beside one hostile document 2.3x idle with only
   * the ingest threads lowered, 1.4x with all). Threads start later (V8 adds helpers, a
   * thread is replaced), so the sweep repeats; it reads /proc and costs microseconds.
   */
  private yieldCoresToMainThread(): void {
    if (this.closed) return;
    lowerHelperThreadsPriority(INGEST_NICE);
    if (this.helperSweep) return;
    this.helperSweep = setInterval(() => lowerHelperThreadsPriority(INGEST_NICE), 5_000);
    this.helperSweep.unref();
  }

  private release(thread: Worker): void {
    const next = this.waiting.shift();
    if (next) next(Promise.resolve(thread));
    else {
      // Idle threads must not keep a process (a CLI, a test) alive.
      thread.unref();
      this.idle.push(thread);
    }
  }

  /** Forgets a thread that ended (or is being ended); a waiting document gets a new one. */
  private discard(thread: Worker): void {
    if (!this.threads.delete(thread)) return;
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
    void thread.terminate();
    const next = this.waiting.shift();
    if (next) next(this.closed ? null : this.spawn());
  }

  private runOn(thread: Worker, input: PrepareInput, onChunking?: () => void): Promise<PreparedDocument> {
    const id = ++this.sequence;
    const { timeoutMs, memoryMb } = this.options;
    return new Promise((resolve, reject) => {
      let settled = false;
      const end = (keepThread: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keepThread) this.release(thread);
        else this.discard(thread);
        outcome();
      };
      const onMessage = (reply: PrepareReply) => {
        if (reply.id !== id) return;
        if (reply.stage === 'chunking') onChunking?.();
        else if (reply.stage === 'done') end(true, () => resolve(reply.document));
        else end(true, () => reject(deserializeError(reply.error)));
      };
      const onError = (error: Error & { code?: string }) =>
        end(false, () =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new IngestThreadFailure(
                  'too_large',
                  `Parsing the document needed more than ${memoryMb} MB of memory.`,
                  'PARSE_MEMORY_MB',
                )
              : new IngestThreadFailure('parser_crashed', `The parser crashed: ${error.message}`),
          ),
        );
      const onExit = (code: number) =>
        end(false, () => reject(new IngestThreadFailure('parser_crashed', `The parser stopped (exit code ${code}).`)));
      const timer = setTimeout(
        () =>
          end(false, () =>
            reject(
              new IngestThreadFailure(
                'parse_timeout',
                `Parsing the document took longer than ${timeoutMs} ms; it was stopped.`,
                'PARSE_TIMEOUT_MS',
              ),
            ),
          ),
        timeoutMs,
      );
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      // Busy, the thread keeps the process alive until it answers.
      thread.ref();
      thread.postMessage({ ...input, id });
    });
  }
}
