import { Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';
import type { JobStatus } from './job.repository';

export interface MaintenanceTenant {
  id: string;
  /** Null: the platform's RETENTION_DAYS. */
  retentionDays: number | null;
}

export interface ReapableJob {
  id: string;
  tenantId: string;
  queue: string;
  name: string;
  payload: Prisma.JsonObject;
  status: 'queued' | 'running';
  reapCount: number;
}

export interface StuckDocument {
  id: string;
  tenantId: string;
  jobId: string | null;
  /** The job's status, or null when the job row is gone. */
  jobStatus: JobStatus | null;
}

/**
 * The scheduled housekeeping's reads across tenants (SECURITY DEFINER functions)
 * and its deletes, which run in each tenant's own transaction.
 */
@Injectable()
export class MaintenanceRepository {
  async tenants(client: PrismaClient): Promise<MaintenanceTenant[]> {
    const rows = await client.$queryRaw<{ id: string; retention_days: number | null }[]>`
      SELECT id, retention_days FROM app_maintenance_tenants()`;
    return rows.map((r) => ({ id: r.id, retentionDays: r.retention_days }));
  }

  /** Parked jobs whose pending action expired, of every tenant. */
  async expiredParkedJobs(client: PrismaClient, limit: number): Promise<{ id: string; tenantId: string }[]> {
    const rows = await client.$queryRaw<{ id: string; tenant_id: string }[]>`
      SELECT * FROM app_expired_parked_jobs(${limit}::int)`;
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
  }

  async reapableJobs(
    client: PrismaClient,
    options: { runningSilentMs: number; queuedForMs: number; limit: number },
  ): Promise<ReapableJob[]> {
    const rows = await client.$queryRaw<
      {
        id: string;
        tenant_id: string;
        queue: string;
        name: string;
        payload: Prisma.JsonObject;
        status: 'queued' | 'running';
        reap_count: number;
      }[]
    >`SELECT * FROM app_reapable_jobs(${options.runningSilentMs}::int, ${options.queuedForMs}::int, ${options.limit}::int)`;
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      queue: r.queue,
      name: r.name,
      payload: r.payload,
      status: r.status,
      reapCount: r.reap_count,
    }));
  }

  async stuckDocuments(client: PrismaClient, olderThanMs: number, limit: number): Promise<StuckDocument[]> {
    const rows = await client.$queryRaw<
      { id: string; tenant_id: string; job_id: string | null; job_status: JobStatus | null }[]
    >`SELECT * FROM app_stuck_documents(${olderThanMs}::int, ${limit}::int)`;
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, jobId: r.job_id, jobStatus: r.job_status }));
  }

  /**
   * Deletes up to `limit` of the tenant's conversations (messages cascade) last active
   * before `cutoff`, except those with a generation still queued or running.
   */
  async purgeConversations(tx: Tx, cutoff: Date, limit: number): Promise<number> {
    return tx.$executeRaw`
      DELETE FROM conversations WHERE id IN (
        SELECT c.id FROM conversations c
        WHERE c.updated_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.status IN ('queued', 'running')
                          AND j.payload->>'conversationId' = c.id::text)
        ORDER BY c.updated_at LIMIT ${limit})`;
  }

  /**
   * Deletes up to `limit` of the tenant's unstored OpenAI-compatible exchanges (conversation
   * metadata `stored: false`) last active before `cutoff`, with their jobs, except those with
   * a generation still queued or running; returns the deleted jobs' ids (for their streams).
   * The answer normally removed them already: this catches what an api restart left.
   */
  async purgeUnstoredExchanges(
    tx: Tx,
    cutoff: Date,
    limit: number,
  ): Promise<{ conversations: number; jobIds: string[] }> {
    const doomed = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM conversations c
      WHERE c.metadata->>'stored' = 'false' AND c.updated_at < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.status IN ('queued', 'running')
                        AND j.payload->>'conversationId' = c.id::text)
      ORDER BY c.updated_at LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED`;
    if (doomed.length === 0) return { conversations: 0, jobIds: [] };
    const ids = doomed.map((row) => row.id);
    const jobs = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM jobs WHERE payload->>'conversationId' = ANY(${ids}::text[]) RETURNING id`;
    const conversations = await tx.$executeRaw`DELETE FROM conversations WHERE id = ANY(${ids}::uuid[])`;
    return { conversations, jobIds: jobs.map((row) => row.id) };
  }

  /** Deletes up to `limit` of the tenant's jobs that finished before `cutoff`; returns their ids. */
  async purgeFinishedJobs(tx: Tx, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM jobs WHERE id IN (
        SELECT id FROM jobs
        WHERE status IN ('succeeded', 'failed', 'cancelled') AND finished_at < ${cutoff}
        ORDER BY finished_at LIMIT ${limit})
      RETURNING id`;
    return rows.map((r) => r.id);
  }
}
