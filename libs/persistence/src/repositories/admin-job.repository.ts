import { Injectable } from '@nestjs/common';
import type { Job, Prisma, PrismaClient } from '../generated/prisma/client';
import { decodeCursor, type Page, toPage } from '../lib/cursor';

/** A jobs row as Postgres returns it from a SETOF jobs function (snake_case, before Prisma's mapping). */
interface JobRow {
  id: string;
  tenant_id: string;
  queue: string;
  name: string;
  status: string;
  progress: number;
  payload: Prisma.JsonValue;
  result: Prisma.JsonValue | null;
  error: Prisma.JsonValue | null;
  attempts: number;
  idempotency_key: string | null;
  idempotency_request_hash: string | null;
  request_id: string | null;
  dispatched_at: Date | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  cancel_requested_at: Date | null;
  heartbeat_at: Date | null;
  reap_count: number;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  tenantId: r.tenant_id,
  queue: r.queue,
  name: r.name,
  status: r.status,
  progress: r.progress,
  payload: r.payload,
  result: r.result,
  error: r.error,
  attempts: r.attempts,
  idempotencyKey: r.idempotency_key,
  idempotencyRequestHash: r.idempotency_request_hash,
  requestId: r.request_id,
  dispatchedAt: r.dispatched_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  cancelRequestedAt: r.cancel_requested_at,
  heartbeatAt: r.heartbeat_at,
  reapCount: r.reap_count,
});

export interface AdminJobFilter {
  status?: string;
  tenantId?: string;
  limit: number;
  cursor?: string;
}

/**
 * Jobs of every tenant, for platform admins, through the app role: the two
 * SECURITY DEFINER functions of the maintenance migration are the only way past RLS.
 */
@Injectable()
export class AdminJobRepository {
  /** Newest first, keyset-paginated. */
  async list(client: PrismaClient, filter: AdminJobFilter): Promise<Page<Job>> {
    const after = filter.cursor ? decodeCursor(filter.cursor) : null;
    const rows = await client.$queryRaw<JobRow[]>`
      SELECT * FROM app_admin_jobs(${filter.status ?? null}::text, ${filter.tenantId ?? null}::uuid,
        ${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::uuid, ${filter.limit + 1}::int)`;
    return toPage(rows.map(toJob), filter.limit);
  }

  async find(client: PrismaClient, id: string): Promise<Job | null> {
    const [row] = await client.$queryRaw<JobRow[]>`SELECT * FROM app_admin_job(${id}::uuid)`;
    return row ? toJob(row) : null;
  }
}
