import { Injectable, Logger } from '@nestjs/common';
import { NotFound, Conflict } from '@copilot/errors';
import { AuditLog, type AuthContext } from '@copilot/auth';
import { ConversationRepository, JobRepository, TenantTransactions, type Tx } from '@copilot/persistence';
import { JobEventWriter } from '@copilot/queues';

const STREAM_DISCARD_TIMEOUT_MS = 2_000;

/**
 * DELETE /v1/conversations/:id: the conversation, its messages, its reply jobs and
 * their event streams, audited. A conversation whose reply is still queued or running
 * is refused (409) rather than cancelled behind the caller's back: the caller cancels
 * the job (POST /v1/jobs/:id/cancel) and deletes again once it ended.
 */
@Injectable()
export class ConversationDeletion {
  private readonly logger = new Logger(ConversationDeletion.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly conversations: ConversationRepository,
    private readonly jobs: JobRepository,
    private readonly events: JobEventWriter,
    private readonly audit: AuditLog,
  ) {}

  async delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    const jobIds = await this.transactions.run(actor.tenantId, async (tx) => {
      // Locked first: a message posted at the same moment either committed its job
      // before (and is seen below) or waits, then cannot add its message to a deleted row.
      if (!(await this.conversations.lock(tx, id))) throw new NotFound('conversation', id);
      const removed = await this.removeIfIdle(tx, id);
      if ('busy' in removed) {
        const busy = removed.busy;
        throw new Conflict(
          'conversation-busy',
          'A reply is still being generated',
          `Job ${busy.id} is ${busy.status}; cancel it (POST /v1/jobs/${busy.id}/cancel) or wait for it to end, then delete again.`,
          { jobId: busy.id },
        );
      }
      await this.audit.record(
        tx,
        actor,
        'conversation.deleted',
        { type: 'conversation', id },
        { requestId, metadata: { jobs: removed.jobIds.length } },
      );
      return removed.jobIds;
    });
    await this.discardStreams(id, jobIds);
  }

  /**
   * Removes an exchange the caller asked not to store (OpenAI-compatible `store: false`)
   * once it was answered: the same rows as delete(), not audited (nobody deleted anything
   * that was kept). False while one of its jobs is queued or running, or when it is gone.
   */
  async discardExchange(tenantId: string, id: string): Promise<boolean> {
    const jobIds = await this.transactions.run(tenantId, async (tx) => {
      if (!(await this.conversations.lock(tx, id))) return null;
      const removed = await this.removeIfIdle(tx, id);
      return 'busy' in removed ? null : removed.jobIds;
    });
    if (!jobIds) return false;
    await this.discardStreams(id, jobIds);
    return true;
  }

  private async removeIfIdle(
    tx: Tx,
    id: string,
  ): Promise<{ jobIds: string[] } | { busy: { id: string; status: string } }> {
    const jobs = await this.jobs.forConversation(tx, id);
    const busy = jobs.find((job) => job.status === 'queued' || job.status === 'running');
    if (busy) return { busy };
    const jobIds = jobs.map((job) => job.id);
    await this.jobs.deleteMany(tx, jobIds);
    await this.conversations.delete(tx, id);
    return { jobIds };
  }

  /**
   * After commit: the rows are gone whatever Redis does, and an unreachable Redis must not
   * hold the answer; ended jobs' streams expire by themselves (EVENT_STREAM_RETENTION_SECONDS).
   */
  private async discardStreams(id: string, jobIds: string[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('redis did not answer in time')), STREAM_DISCARD_TIMEOUT_MS);
    });
    await Promise.race([this.events.discard(jobIds), timeout])
      .catch((error: unknown) => {
        this.logger.warn(
          { err: error, conversation_id: id },
          'could not delete the event streams of a deleted conversation',
        );
      })
      .finally(() => clearTimeout(timer));
  }
}
