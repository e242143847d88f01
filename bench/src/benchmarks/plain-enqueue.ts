import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Pool } from 'pg';

/**
 * The floor under `POST /v1/conversations/:id/messages`: the same rows written in one
 * transaction under the same tenant (RLS on, as the app role) and the same BullMQ add,
 * from a plain script with no HTTP, no framework, no auth and no validation.
 */
export class PlainEnqueue {
  private readonly pool: Pool;
  private readonly queue: Queue;

  constructor(
    databaseUrl: string,
    redisUrl: string,
    prefix: string,
    poolSize: number,
    private readonly tenantId: string,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: poolSize });
    this.queue = new Queue('chat', { connection: { url: redisUrl }, prefix });
  }

  async post(conversationId: string, content: string): Promise<void> {
    const client = await this.pool.connect();
    const jobId = randomUUID();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [this.tenantId]);
      const message = await client.query<{ id: string }>(
        `INSERT INTO messages (tenant_id, conversation_id, role, content) VALUES ($1, $2, 'user', $3) RETURNING id`,
        [this.tenantId, conversationId, content],
      );
      await client.query(`UPDATE conversations SET updated_at = now() WHERE id = $1`, [conversationId]);
      const payload = { jobId, tenantId: this.tenantId, conversationId, messageId: message.rows[0].id };
      await client.query(
        `INSERT INTO jobs (id, tenant_id, queue, name, payload) VALUES ($1, $2, 'chat', 'chat.generate', $3)`,
        [jobId, this.tenantId, payload],
      );
      await client.query('COMMIT');
      await this.queue.add('chat.generate', payload, { jobId });
      // Marked dispatched in a second transaction, as the api's fast path does after the add.
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [this.tenantId]);
      await client.query(`UPDATE jobs SET dispatched_at = now() WHERE id = $1`, [jobId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.queue.close()]);
  }
}
