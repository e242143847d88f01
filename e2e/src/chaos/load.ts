/**
 * The bounded load: `users` concurrent users, each in a conversation of their own,
 * send a message, wait for the reply (or give up waiting), think, and repeat until
 * the deadline; meanwhile a few documents are ingested into one collection.
 */
import { randomUUID } from 'node:crypto';
import { ChaosClient } from './client';

export interface LoadOptions {
  api: string;
  apiKey: string;
  users: number;
  documents: number;
  durationMs: number;
  random: () => number;
}

export interface AcceptedJob {
  id: string;
  kind: 'chat' | 'ingest';
  at: number;
}

export interface LoadResult {
  accepted: AcceptedJob[];
  /** Requests that creates work and that the client saw fail even after its retries: not accepted. */
  clientFailures: Record<string, number>;
  /** Accepted requests that needed more than one try. */
  retriedRequests: number;
  /** A retry with the same Idempotency-Key answered with another job: a duplicate made by the api. */
  idempotencyViolations: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const client = new ChaosClient({ api: options.api, apiKey: options.apiKey, timeoutMs: 5_000, tries: 5 });
  const result: LoadResult = { accepted: [], clientFailures: {}, retriedRequests: 0, idempotencyViolations: [] };
  const deadline = Date.now() + options.durationMs;

  /** Sends one job-creating request; returns the job id when the api accepted it. */
  async function submit(kind: AcceptedJob['kind'], path: string, body: object): Promise<string | undefined> {
    const key = randomUUID();
    const outcome = await client.call('POST', path, body, key);
    if (!outcome.ok) {
      const label = `${kind}: ${outcome.reason.slice(0, 60)}`;
      result.clientFailures[label] = (result.clientFailures[label] ?? 0) + 1;
      return undefined;
    }
    const jobId = (outcome.body.job as { id?: string } | undefined)?.id;
    if (!jobId) return undefined; // e.g. a duplicate document: no new work
    if (outcome.tries > 1) {
      result.retriedRequests++;
      // The first try may have been accepted before its answer was lost: the repeat must name the same job.
      const again = await client.call('POST', path, body, key);
      const againId = again.ok ? (again.body.job as { id?: string } | undefined)?.id : jobId;
      if (againId !== jobId) result.idempotencyViolations.push(`${jobId} then ${againId}`);
    }
    result.accepted.push({ id: jobId, kind, at: Date.now() });
    return jobId;
  }

  async function waitForEnd(jobId: string): Promise<void> {
    const giveUpAt = Math.min(deadline, Date.now() + 15_000);
    while (Date.now() < giveUpAt) {
      const job = await client.call('GET', `/v1/jobs/${jobId}`);
      if (job.ok && TERMINAL.has(String(job.body.status))) return;
      await sleep(300);
    }
  }

  async function user(index: number): Promise<void> {
    let conversationId: string | undefined;
    for (let turn = 0; Date.now() < deadline; turn++) {
      if (!conversationId) {
        const created = await client.call('POST', '/v1/conversations', {});
        conversationId = created.ok ? String(created.body.id) : undefined;
        if (!conversationId) await sleep(500);
        continue;
      }
      const jobId = await submit('chat', `/v1/conversations/${conversationId}/messages`, {
        content: `user ${index} turn ${turn}: how are things?`,
      });
      if (jobId) await waitForEnd(jobId);
      await sleep(200 + options.random() * 600);
    }
  }

  async function ingester(): Promise<void> {
    let collectionId: string | undefined;
    while (!collectionId && Date.now() < deadline) {
      const created = await client.call('POST', '/v1/collections', { name: `chaos-${randomUUID()}` });
      collectionId = created.ok ? String(created.body.id) : undefined;
      if (!collectionId) await sleep(500);
    }
    const gap = options.durationMs / (options.documents + 1);
    for (let n = 0; n < options.documents && collectionId; n++) {
      await sleep(gap * (0.5 + options.random()));
      if (Date.now() >= deadline) break;
      await submit('ingest', `/v1/collections/${collectionId}/documents`, {
        title: `chaos document ${n}`,
        text: documentText(n, options.random),
      });
    }
  }

  await Promise.all([...Array.from({ length: options.users }, (_, i) => user(i)), ingester()]);
  return result;
}

/** A few hundred words, different per document (identical content would be deduplicated). */
function documentText(n: number, random: () => number): string {
  const words = ['queue', 'worker', 'restart', 'ledger', 'replica', 'latency', 'backoff', 'outbox', 'lease', 'shard'];
  const paragraphs = Array.from({ length: 6 }, (_, p) => {
    const sentence = Array.from({ length: 60 }, () => words[Math.floor(random() * words.length)]).join(' ');
    return `Section ${p} of document ${n}. ${sentence}.`;
  });
  return paragraphs.join('\n\n');
}
