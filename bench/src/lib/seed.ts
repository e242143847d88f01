import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

export interface SeededChatJob {
  jobId: string;
  tenantId: string;
  conversationId: string;
  messageId: string;
}

/**
 * Writes `count` chat jobs straight into the database as the api would have left
 * them (a conversation, its user message, a dispatched job row), in three statements,
 * so a drain benchmark measures the worker and not how fast jobs can be created.
 */
export async function seedChatJobs(adminUrl: string, tenantId: string, count: number): Promise<SeededChatJob[]> {
  const jobs = Array.from({ length: count }, () => ({
    jobId: randomUUID(),
    tenantId,
    conversationId: randomUUID(),
    messageId: randomUUID(),
  }));
  const pool = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    await pool.query(`INSERT INTO conversations (id, tenant_id, title) SELECT unnest($2::uuid[]), $1, 'bench'`, [
      tenantId,
      jobs.map((j) => j.conversationId),
    ]);
    await pool.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, role, content)
       SELECT unnest($2::uuid[]), $1, unnest($3::uuid[]), 'user', 'How fast can one worker drain this queue?'`,
      [tenantId, jobs.map((j) => j.messageId), jobs.map((j) => j.conversationId)],
    );
    await pool.query(
      `INSERT INTO jobs (id, tenant_id, queue, name, payload, dispatched_at)
       SELECT j.id, $1, 'chat', 'chat.generate', j.payload, now()
         FROM jsonb_to_recordset($2::jsonb) AS j(id uuid, payload jsonb)`,
      [tenantId, JSON.stringify(jobs.map((j) => ({ id: j.jobId, payload: j })))],
    );
    return jobs;
  } finally {
    await pool.end();
  }
}

/** How many of the tenant's jobs reached a terminal state. */
export async function finishedJobs(pool: Pool, tenantId: string): Promise<{ finished: number; failed: number }> {
  const { rows } = await pool.query<{ finished: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE status IN ('succeeded','failed','cancelled')) AS finished,
            count(*) FILTER (WHERE status <> 'succeeded' AND status IN ('failed','cancelled')) AS failed
       FROM jobs WHERE tenant_id = $1`,
    [tenantId],
  );
  return { finished: Number(rows[0].finished), failed: Number(rows[0].failed) };
}
