import { Injectable } from '@nestjs/common';
import { currentTraceparent } from '@copilot/observability';
import { type Job, Prisma, type PrismaClient } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import { isRecordNotFound } from '../lib/database-errors';
import type { Tx } from '../lib/tenant-transaction';

import type { JobStatus } from '../lib/job-statuses';

export { JOB_STATUSES, type JobStatus, TERMINAL_JOB_STATUSES } from '../lib/job-statuses';
/** Statuses a run or the reaper may end a job from. */
const OPEN_JOB_STATUSES: JobStatus[] = ['queued', 'running'];

export interface NewJob {
  id: string;
  tenantId: string;
  queue: string;
  name: string;
  payload: Prisma.InputJsonObject;
  idempotencyKey?: string | null;
  /** What the key was first used with (see ChatService); compared when the key comes again. */
  idempotencyRequestHash?: string | null;
  requestId?: string | null;
}

export interface UndispatchedJob {
  id: string;
  tenantId: string;
  queue: string;
  name: string;
  payload: Prisma.JsonObject;
}

@Injectable()
export class JobRepository {
  /**
   * Every job is born here, inside the work that asks for it: the payload records
   * that work's trace (W3C traceparent), so the worker's span joins the same trace
   * however the job reaches the queue (right after commit or via the outbox relay).
   */
  create(tx: Tx, job: NewJob): Promise<Job> {
    const traceparent = currentTraceparent();
    const payload = traceparent && !job.payload.traceparent ? { ...job.payload, traceparent } : job.payload;
    return tx.job.create({ data: { ...job, payload } });
  }

  findById(tx: Tx, id: string): Promise<Job | null> {
    return tx.job.findUnique({ where: { id } });
  }

  findByIdempotencyKey(tx: Tx, tenantId: string, idempotencyKey: string): Promise<Job | null> {
    return tx.job.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
  }

  /** Frees an Idempotency-Key whose job is older than `olderThan`, so the key can start afresh. */
  async releaseIdempotencyKey(tx: Tx, tenantId: string, idempotencyKey: string, olderThan: Date): Promise<void> {
    await tx.job.updateMany({
      where: { tenantId, idempotencyKey, createdAt: { lte: olderThan } },
      data: { idempotencyKey: null },
    });
  }

  async markDispatched(tx: Tx, id: string): Promise<void> {
    await this.markManyDispatched(tx, [id]);
  }

  async markManyDispatched(tx: Tx, ids: string[]): Promise<void> {
    await tx.job.updateMany({ where: { id: { in: ids }, dispatchedAt: null }, data: { dispatchedAt: new Date() } });
  }

  /**
   * Claims the job for one run. Returns null when the job already ended (a duplicate
   * delivery), so the caller does nothing twice.
   */
  async start(tx: Tx, id: string): Promise<Job | null> {
    // One UPDATE ... RETURNING; a job that already ended matches nothing (P2025).
    try {
      return await tx.job.update({
        where: { id, status: { in: ['queued', 'running'] } },
        data: { status: 'running', attempts: { increment: 1 }, startedAt: new Date(), dispatchedAt: new Date() },
      });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Ends the job (or parks it: `requires_action`, with the pending action as its
   * result). Null when it was not open any more: someone else ended it first.
   */
  async finish(
    tx: Tx,
    id: string,
    outcome:
      | { status: 'succeeded' | 'requires_action'; result: Prisma.InputJsonObject }
      | { status: 'failed' | 'cancelled'; error: Prisma.InputJsonObject },
  ): Promise<Job | null> {
    const parked = outcome.status === 'requires_action';
    try {
      return await tx.job.update({
        where: { id, status: { in: OPEN_JOB_STATUSES } },
        data: {
          ...outcome,
          progress: outcome.status === 'succeeded' ? 100 : undefined,
          finishedAt: parked ? null : new Date(),
          heartbeatAt: null,
        },
      });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * A parked job goes back to `queued`, undispatched, so the outbox enqueues it and
   * its next run continues it. Null if it was not parked.
   */
  async resume(tx: Tx, id: string): Promise<Job | null> {
    const resumed = await tx.job.updateMany({
      where: { id, status: 'requires_action' },
      data: { status: 'queued', dispatchedAt: null, heartbeatAt: null },
    });
    return resumed.count === 1 ? tx.job.findUnique({ where: { id } }) : null;
  }

  /** Admin path: jobs of every tenant, newest first, narrowed by any of tenant, status and job name. */
  async listForOperator(
    admin: PrismaClient,
    filter: { tenantId?: string; status?: string; name?: string; limit: number; cursor?: string },
  ): Promise<Page<Job>> {
    const rows = await admin.job.findMany({
      where: {
        ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.name ? { name: filter.name } : {}),
        ...olderThan(filter.cursor),
      },
      orderBy: NEWEST_FIRST,
      take: filter.limit + 1,
    });
    return toPage(rows, filter.limit);
  }

  /** Admin path: failed jobs of every tenant (or one), newest first. */
  listFailed(admin: PrismaClient, options: { tenantId?: string; limit: number }): Promise<Job[]> {
    return admin.job.findMany({
      where: { status: 'failed', ...(options.tenantId ? { tenantId: options.tenantId } : {}) },
      orderBy: { finishedAt: 'desc' },
      take: options.limit,
    });
  }

  /**
   * Admin path (the CLI's owner connection, or the job's tenant transaction): a
   * failed job goes back to `queued`, undispatched, so the outbox relay enqueues it
   * within seconds. Null if it is not a failed job.
   */
  async requeueFailed(admin: Tx, id: string): Promise<Job | null> {
    const requeued = await admin.job.updateMany({
      where: { id, status: 'failed' },
      data: {
        status: 'queued',
        error: Prisma.DbNull,
        attempts: 0,
        reapCount: 0,
        heartbeatAt: null,
        dispatchedAt: null,
        finishedAt: null,
        startedAt: null,
      },
    });
    return requeued.count === 1 ? admin.job.findUnique({ where: { id } }) : null;
  }

  /** The worker's sign of life while it runs these jobs (only those still running). */
  async heartbeat(tx: Tx, ids: string[]): Promise<void> {
    await tx.job.updateMany({ where: { id: { in: ids }, status: 'running' }, data: { heartbeatAt: new Date() } });
  }

  /**
   * Reaper: the job lost its run (no heartbeat, or no queue entry). Back to `queued`
   * and counted, unless it moved on meanwhile (then false, and it is left alone).
   */
  async handBack(tx: Tx, id: string, seenStatus: 'queued' | 'running'): Promise<boolean> {
    const updated = await tx.job.updateMany({
      where: { id, status: seenStatus },
      data: { status: 'queued', reapCount: { increment: 1 }, heartbeatAt: null, dispatchedAt: new Date() },
    });
    return updated.count === 1;
  }

  /** Reaper: handed back too often; ends `failed` with `error`, unless it moved on meanwhile. */
  async giveUp(tx: Tx, id: string, seenStatus: 'queued' | 'running', error: Prisma.InputJsonObject): Promise<boolean> {
    const updated = await tx.job.updateMany({
      where: { id, status: seenStatus },
      data: { status: 'failed', error, finishedAt: new Date() },
    });
    return updated.count === 1;
  }

  /** Accepted jobs of every tenant that have not reached the queue yet. */
  async countUndispatched(client: PrismaClient): Promise<number> {
    const [row] = await client.$queryRaw<{ backlog: bigint }[]>`SELECT app_outbox_backlog() AS backlog`;
    return Number(row?.backlog ?? 0);
  }

  /**
   * Asks for cancellation. A job not started yet (or parked) ends `cancelled` at once
   * (`endedNow`); a running one is marked, and its worker aborts it. Null if there is no such job.
   */
  async requestCancel(tx: Tx, id: string): Promise<{ job: Job; endedNow: boolean } | null> {
    const now = new Date();
    const ended = await tx.job.updateMany({
      where: { id, status: { in: ['queued', 'requires_action'] } },
      data: { status: 'cancelled', cancelRequestedAt: now, finishedAt: now },
    });
    await tx.job.updateMany({
      where: { id, status: 'running', cancelRequestedAt: null },
      data: { cancelRequestedAt: now },
    });
    const job = await tx.job.findUnique({ where: { id } });
    return job ? { job, endedNow: ended.count === 1 } : null;
  }

  /** The jobs that generate replies in a conversation (chat jobs name it in their payload). */
  async forConversation(tx: Tx, conversationId: string): Promise<{ id: string; status: JobStatus }[]> {
    return tx.$queryRaw<{ id: string; status: JobStatus }[]>`
      SELECT id, status FROM jobs WHERE payload->>'conversationId' = ${conversationId} ORDER BY created_at`;
  }

  async deleteMany(tx: Tx, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await tx.job.deleteMany({ where: { id: { in: [...ids] } } })).count;
  }

  /**
   * Tokens the tenant's accepted, unfinished generations set aside in one budget window
   * (`payload.reservation.day` or `.month`, e.g. `2026-12-03` or `2026-12`).
   */
  async openReservedTokens(tx: Tx, window: 'day' | 'month', id: string): Promise<number> {
    const [row] = await tx.$queryRaw<{ tokens: bigint | null }[]>`
      SELECT sum((payload->'reservation'->>'tokens')::bigint) AS tokens FROM jobs
      WHERE status IN ('queued', 'running') AND payload->'reservation'->>${window}::text = ${id}`;
    return Number(row?.tokens ?? 0);
  }

  /** Jobs of every tenant accepted more than `olderThanMs` ago that never reached the queue. */
  async findUndispatched(client: PrismaClient, olderThanMs: number, limit: number): Promise<UndispatchedJob[]> {
    const rows = await client.$queryRaw<
      { id: string; tenant_id: string; queue: string; name: string; payload: Prisma.JsonObject }[]
    >`SELECT id, tenant_id, queue, name, payload FROM app_undispatched_jobs(${olderThanMs}::int, ${limit}::int)`;
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, queue: r.queue, name: r.name, payload: r.payload }));
  }
}
