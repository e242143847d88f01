/**
 * What must hold after the chaos, read straight from the private database (as its
 * owner, so across tenants) and the private Redis: every accepted job exists and
 * ended, answers and chunk sets were written exactly once, nothing is left running.
 */
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { Injection } from './faults';
import type { AcceptedJob } from './load';

export interface Observed {
  jobs: { total: number; succeeded: number; failed: number; cancelled: number; retried: number };
  failureReasons: Record<string, number>;
  /** Accepted by the api (2xx) but without a job row. */
  lost: string[];
  /** Jobs still queued or running when the run ended. */
  stuck: { id: string; queue: string; status: string; attempts: number; dispatched: boolean }[];
  /** BullMQ entries still active or waiting in Redis at the end. */
  queueLeftovers: Record<string, number>;
  duplicateAnswers: string[];
  missingAnswers: string[];
  duplicateChunkSets: string[];
  documents: { total: number; indexed: number; failed: number };
  /** Per injection: ms until the jobs in flight then, and the next one accepted, ended; null when one never did. */
  recoveryMs: (number | null)[];
}

export class ChaosDatabase {
  private readonly pool: Pool;

  constructor(adminUrl: string) {
    this.pool = new Pool({ connectionString: adminUrl, max: 2 });
    // Idle connections die with every Postgres restart; the pool replaces them on the next query.
    this.pool.on('error', () => undefined);
  }

  async inFlight(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(`select id from jobs where status in ('queued', 'running')`);
    return rows.map((r) => r.id);
  }

  /** Waits until no job is queued or running, or the time is up. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.inFlight().catch(() => ['unknown'])).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  async check(
    accepted: AcceptedJob[],
    injections: Injection[],
    startedAt: number,
    redisUrl: string,
    redisPrefix: string,
  ): Promise<Observed> {
    const q = async <T extends object>(sql: string, params: unknown[] = []) =>
      (await this.pool.query<T>(sql, params)).rows;
    const [counts] = await q<Observed['jobs']>(
      `select count(*)::int total,
              count(*) filter (where status = 'succeeded')::int succeeded,
              count(*) filter (where status = 'failed')::int failed,
              count(*) filter (where status = 'cancelled')::int cancelled,
              count(*) filter (where attempts > 1)::int retried
         from jobs`,
    );
    const reasons = await q<{ reason: string; n: number }>(
      `select coalesce(error->>'reason', error->>'message', 'unknown') reason, count(*)::int n
         from jobs where status = 'failed' group by 1`,
    );
    const lost = await q<{ id: string }>(
      `select a.id from unnest($1::uuid[]) a(id) where not exists (select 1 from jobs j where j.id = a.id)`,
      [accepted.map((a) => a.id)],
    );
    const stuck = await q<Observed['stuck'][number]>(
      `select id, queue, status, attempts, dispatched_at is not null dispatched
         from jobs where status in ('queued', 'running') order by created_at`,
    );
    const duplicateAnswers = await q<{ id: string }>(
      `select j.payload->>'messageId' id from messages m join jobs j on j.id = m.job_id
        where m.role = 'assistant' group by 1 having count(*) > 1
       union all
       select m.id::text from messages m where m.role = 'assistant' and m.job_id is null`,
    );
    const missingAnswers = await q<{ id: string }>(
      `select j.id from jobs j where j.name = 'chat.generate' and j.status = 'succeeded'
          and not exists (select 1 from messages m where m.job_id = j.id)`,
    );
    const chunkSets = await q<{ id: string }>(
      `select d.id from documents d left join chunks c on c.document_id = d.id
        group by d.id, d.stage, d.chunk_count
       having count(c.id) <> count(distinct c.position) or (d.stage = 'indexed' and count(c.id) <> d.chunk_count)`,
    );
    const [documents] = await q<Observed['documents']>(
      `select count(*)::int total, count(*) filter (where stage = 'indexed')::int indexed,
              count(*) filter (where stage = 'failed')::int failed from documents`,
    );
    const recoveryMs: (number | null)[] = [];
    for (const injection of injections) {
      // Recovered once the work in flight at that moment has ended, and the first job
      // accepted after it has ended too (new work flows again).
      const struck = new Date(startedAt + injection.atMs);
      const [row] = await q<{ last: Date | null; open: number }>(
        `with watched as (
           select id from jobs where id = any($1::uuid[])
           union (select id from jobs where created_at >= $2 order by created_at limit 1))
         select max(j.finished_at) last, count(*) filter (where j.finished_at is null)::int open
           from jobs j join watched w on w.id = j.id`,
        [injection.inFlight, struck],
      );
      recoveryMs.push(row!.open > 0 ? null : row!.last ? Math.max(0, row!.last.getTime() - struck.getTime()) : 0);
    }
    return {
      jobs: counts!,
      failureReasons: Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
      lost: lost.map((r) => r.id),
      stuck,
      queueLeftovers: await queueLeftovers(redisUrl, redisPrefix),
      duplicateAnswers: duplicateAnswers.map((r) => r.id),
      missingAnswers: missingAnswers.map((r) => r.id),
      duplicateChunkSets: chunkSets.map((r) => r.id),
      documents: documents!,
      recoveryMs,
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Non-empty BullMQ `active` and `wait` lists, by key. */
async function queueLeftovers(url: string, prefix: string): Promise<Record<string, number>> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const leftovers: Record<string, number> = {};
    for (const queue of ['chat', 'ingest']) {
      for (const list of ['active', 'wait']) {
        const length = await redis.llen(`${prefix}:${queue}:${list}`);
        if (length > 0) leftovers[`${queue}:${list}`] = length;
      }
    }
    return leftovers;
  } finally {
    redis.disconnect();
  }
}

/** The checks that failed, in words; empty when the run passed. */
export function failedChecks(observed: Observed, idempotencyViolations: string[]): string[] {
  const failures: string[] = [];
  if (observed.lost.length) failures.push(`${observed.lost.length} accepted jobs have no job row`);
  if (observed.stuck.length) failures.push(`${observed.stuck.length} jobs never ended (queued or running)`);
  if (Object.keys(observed.queueLeftovers).length) failures.push('BullMQ still holds active or waiting jobs');
  if (observed.duplicateAnswers.length)
    failures.push(`${observed.duplicateAnswers.length} duplicate assistant messages`);
  if (observed.missingAnswers.length)
    failures.push(`${observed.missingAnswers.length} succeeded replies without a message`);
  if (observed.duplicateChunkSets.length)
    failures.push(`${observed.duplicateChunkSets.length} documents with duplicated chunks`);
  if (idempotencyViolations.length)
    failures.push(`${idempotencyViolations.length} idempotent retries made a second job`);
  return failures;
}
