import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  ConversationRepository,
  type Job,
  JobRepository,
  type Message,
  MessageRepository,
  type Page,
  Prisma,
  TenantTransactions,
} from '@copilot/persistence';
import { JobProducer, type JobOf, QUEUE } from '@copilot/queues';

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
    private readonly producer: JobProducer,
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
    options: { idempotencyKey?: string; requestId?: string } = {},
  ): Promise<PostMessageResult> {
    if (options.idempotencyKey) {
      const earlier = await this.replay(tenantId, options.idempotencyKey);
      if (earlier) return earlier;
    }
    let created: { message: Message; job: Job; payload: JobOf<'chat.generate'> };
    try {
      created = await this.transactions.run(tenantId, async (tx) => {
        if (!(await this.conversations.findById(tx, conversationId))) {
          throw new NotFoundException(`No conversation ${conversationId}.`);
        }
        const message = await this.messages.create(tx, { tenantId, conversationId, role: 'user', content });
        await this.conversations.touch(tx, conversationId);
        const jobId = randomUUID();
        const payload: JobOf<'chat.generate'> = {
          jobId,
          tenantId,
          conversationId,
          messageId: message.id,
          ...(options.requestId ? { requestId: options.requestId } : {}),
        };
        const job = await this.jobs.create(tx, {
          id: jobId,
          tenantId,
          queue: QUEUE.chat,
          name: 'chat.generate',
          payload,
          idempotencyKey: options.idempotencyKey ?? null,
          requestId: options.requestId ?? null,
        });
        return { message, job, payload };
      });
    } catch (error) {
      // Two requests with one Idempotency-Key raced: the loser answers with the winner's result.
      if (options.idempotencyKey && isUniqueViolation(error)) {
        const earlier = await this.replay(tenantId, options.idempotencyKey);
        if (earlier) return earlier;
      }
      throw error;
    }
    await this.dispatch(tenantId, created.payload);
    return { message: created.message, job: created.job, replayed: false };
  }

  listMessages(
    tenantId: string,
    conversationId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Message>> {
    return this.transactions.run(tenantId, async (tx) => {
      if (!(await this.conversations.findById(tx, conversationId))) {
        throw new NotFoundException(`No conversation ${conversationId}.`);
      }
      return this.messages.listByConversation(tx, conversationId, page);
    });
  }

  private async dispatch(tenantId: string, payload: JobOf<'chat.generate'>): Promise<void> {
    try {
      await this.producer.enqueue('chat.generate', payload);
      await this.transactions.run(tenantId, (tx) => this.jobs.markDispatched(tx, payload.jobId));
    } catch (error) {
      this.logger.warn(
        { err: error, job_id: payload.jobId },
        'enqueue after commit failed; the outbox relay will retry',
      );
    }
  }

  private replay(tenantId: string, idempotencyKey: string): Promise<PostMessageResult | null> {
    return this.transactions.run(tenantId, async (tx) => {
      const job = await this.jobs.findByIdempotencyKey(tx, tenantId, idempotencyKey);
      const messageId = (job?.payload as { messageId?: string } | undefined)?.messageId;
      const message = messageId ? await this.messages.findById(tx, messageId) : null;
      return job && message ? { job, message, replayed: true } : null;
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
