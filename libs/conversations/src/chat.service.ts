import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ContextTooLong, NotFound, ProvidersUnavailable, TokenBudgetExceeded, Unprocessable } from '@copilot/errors';
import {
  CollectionRepository,
  ConversationRepository,
  type Job,
  JobRepository,
  type Message,
  MessageRepository,
  type Page,
  isForeignKeyViolation,
  isUniqueViolation,
  TenantRepository,
  TenantTransactions,
  type Tx,
} from '@copilot/persistence';
import { ContextTooLongError, ProviderAvailability } from '@copilot/llm';
import { type Budgets, type Reservation, TokenBudget } from '@copilot/usage';
import { assertCollectionsExist } from './collection-refs';
import { type GenerationPlan, GenerationPlanner } from './generation-planner';
import { JobDispatcher, type JobOf, QUEUE } from '@copilot/queues';

export interface PostMessageResult {
  message: Message;
  job: Job;
  /** True when an Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

/** The request side of chatting: store the user's message and the generation job, then enqueue. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly jobs: JobRepository,
    private readonly dispatcher: JobDispatcher,
    private readonly planner: GenerationPlanner,
    private readonly tenants: TenantRepository,
    private readonly budget: TokenBudget,
    private readonly availability: ProviderAvailability,
    private readonly collections: CollectionRepository,
  ) {}

  /**
   * Writes the message and its job in one transaction (the outbox), then enqueues
   * after commit. If enqueueing fails, the request still succeeds: the job row is
   * durable and the scheduler's relay enqueues it.
   */
  async postUserMessage(
    tenantId: string,
    conversationId: string,
    content: string,
    options: { idempotencyKey?: string; requestId?: string; collectionIds?: string[] } = {},
  ): Promise<PostMessageResult> {
    const requestHash = options.idempotencyKey ? hashOfRequest(conversationId, content, options.collectionIds) : null;
    if (options.idempotencyKey) {
      const earlier = await this.replay(tenantId, options.idempotencyKey, requestHash!);
      if (earlier) return earlier;
    }
    // One transaction: the checks come first (unknown conversation, oversized message,
    // spent budget) and throwing there writes nothing; each transaction saved is a few
    // round trips off the time to first token.
    let reservation: Reservation | null = null;
    let created: { message: Message; job: Job };
    try {
      created = await this.transactions.run(tenantId, async (tx) => {
        const plan = await this.planner.plan(tx, conversationId, content).catch(asProblem);
        await this.refuseWhileCircuitsOpen(tx, tenantId, plan.chain);
        await assertCollectionsExist(this.collections, tx, options.collectionIds, 'body.collectionIds');
        const budgets = await this.tenants.budgetsOf(tx, tenantId);
        reservation = await this.reserveBudget(tenantId, budgets, plan.estimatedTokens);
        const message = await this.messages
          .create(tx, { tenantId, conversationId, role: 'user', content })
          .catch((error: unknown) => {
            // Deleted (DELETE /v1/conversations/:id) between the plan's read and this insert.
            if (isForeignKeyViolation(error)) throw new NotFound('conversation', conversationId);
            throw error;
          });
        await this.conversations.touch(tx, conversationId);
        const jobId = randomUUID();
        const payload: JobOf<'chat.generate'> = {
          jobId,
          tenantId,
          conversationId,
          messageId: message.id,
          reservation,
          ...(options.collectionIds?.length ? { collectionIds: options.collectionIds } : {}),
          ...(options.requestId ? { requestId: options.requestId } : {}),
        };
        if (options.idempotencyKey) {
          await this.jobs.releaseIdempotencyKey(tx, tenantId, options.idempotencyKey, idempotencyCutoff());
        }
        const job = await this.jobs.create(tx, {
          id: jobId,
          tenantId,
          queue: QUEUE.chat,
          name: 'chat.generate',
          payload,
          idempotencyKey: options.idempotencyKey ?? null,
          idempotencyRequestHash: requestHash,
          requestId: options.requestId ?? null,
        });
        return { message, job };
      });
    } catch (error) {
      await this.budget.settle(tenantId, reservation, 0).catch(() => undefined);
      // Two requests with one Idempotency-Key raced: the loser answers with the winner's result.
      if (options.idempotencyKey && isUniqueViolation(error)) {
        const earlier = await this.replay(tenantId, options.idempotencyKey, requestHash!);
        if (earlier) return earlier;
      }
      throw error;
    }
    // The stored payload, as the relay would send it (the job row adds the traceparent).
    await this.dispatcher.afterCommit('chat.generate', created.job.payload as JobOf<'chat.generate'>);
    return { message: created.message, job: created.job, replayed: false };
  }

  listMessages(
    tenantId: string,
    conversationId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Message>> {
    return this.transactions.run(tenantId, async (tx) => {
      if (!(await this.conversations.findById(tx, conversationId))) {
        throw new NotFound('conversation', conversationId);
      }
      return this.messages.listByConversation(tx, conversationId, page);
    });
  }

  /**
   * Sets the estimate aside against the tenant's budgets (if any). When Redis does
   * not answer, the message is accepted without a reservation: a budget outage must
   * not become an outage of chat.
   */
  private async reserveBudget(tenantId: string, budgets: Budgets, estimate: number): Promise<Reservation | null> {
    let result;
    try {
      result = await this.budget.reserve(tenantId, budgets, estimate);
    } catch (error) {
      this.logger.warn({ err: error, tenant_id: tenantId }, 'token budget unavailable; accepting without reservation');
      return null;
    }
    if (result.ok) return result.reservation;
    throw new TokenBudgetExceeded(result.window, result.limit, result.resetAt);
  }

  /** Every provider of the chain is behind an open circuit: 503 with when to come back, and nothing written. */
  private async refuseWhileCircuitsOpen(tx: Tx, tenantId: string, chain: GenerationPlan['chain']): Promise<void> {
    const waitMs = await this.availability.waitFor(tenantId, chain, tx);
    if (waitMs <= 0) return;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    throw new ProvidersUnavailable(
      retryAfter,
      `Every provider this conversation uses failed repeatedly and is paused; try again in ${retryAfter} s.`,
    );
  }

  private replay(tenantId: string, idempotencyKey: string, requestHash: string): Promise<PostMessageResult | null> {
    return this.transactions.run(tenantId, async (tx) => {
      const found = await this.jobs.findByIdempotencyKey(tx, tenantId, idempotencyKey);
      // A key answers with its first response for 24 h; after that it starts afresh.
      const job = found && found.createdAt > idempotencyCutoff() ? found : null;
      // Jobs from before hashes were stored have none: they replay as they always did.
      if (job?.idempotencyRequestHash && job.idempotencyRequestHash !== requestHash) throw keyReused(idempotencyKey);
      const messageId = (job?.payload as { messageId?: string } | undefined)?.messageId;
      const message = messageId ? await this.messages.findById(tx, messageId) : null;
      return job && message ? { job, message, replayed: true } : null;
    });
  }
}

const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
const idempotencyCutoff = () => new Date(Date.now() - IDEMPOTENCY_WINDOW_MS);

/**
 * What makes two requests with one Idempotency-Key the same request: the conversation
 * (the path) and the body as validated. Anything else is a client bug that a replay of the
 * first response would hide (Stripe refuses it the same way).
 */
function hashOfRequest(conversationId: string, content: string, collectionIds: string[] = []): string {
  return createHash('sha256')
    .update(JSON.stringify([conversationId, content, collectionIds]))
    .digest('hex');
}

function keyReused(idempotencyKey: string): Unprocessable {
  return new Unprocessable(
    'idempotency-key-reused',
    'Idempotency-Key reused with another request',
    `The Idempotency-Key ${JSON.stringify(idempotencyKey)} was first used with another request (another conversation or body) in the last 24 h; use a new key for a new request.`,
  );
}

function asProblem(error: unknown): never {
  if (error instanceof ContextTooLongError) {
    throw new ContextTooLong(
      error.tokens,
      error.available,
      `${error.message}; shorten the message or use a model with a larger context window.`,
    );
  }
  throw error;
}
