import { Inject, Injectable } from '@nestjs/common';
import { CHAT_OPTIONS, type ChatSettings } from './generation-planner';
import { ProviderRegistry } from '@copilot/llm';
import { JobRepository, MessageRepository, TenantTransactions } from '@copilot/persistence';
import { JobEventWriter, type JobOf, TokenBatcher } from '@copilot/queues';

type Payload = JobOf<'chat.generate'>;

/** The worker side of chatting: generate the reply, stream it, store it exactly once. */
@Injectable()
export class ReplyGenerationService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly messages: MessageRepository,
    private readonly events: JobEventWriter,
    private readonly providers: ProviderRegistry,
    @Inject(CHAT_OPTIONS) private readonly settings: ChatSettings,
  ) {}

  async run(payload: Payload, signal?: AbortSignal): Promise<{ messageId: string } | { skipped: string }> {
    const { tenantId, jobId, conversationId } = payload;
    const started = await this.transactions.run(tenantId, async (tx) => {
      const job = await this.jobs.start(tx, jobId);
      if (!job) return null;
      return { job, history: await this.messages.latest(tx, conversationId, this.settings.maxHistoryMessages) };
    });
    if (!started) return this.replayEnding(payload);

    await this.events.append(jobId, 'status', { status: 'running', attempt: started.job.attempts });
    const model = this.settings.defaultModel;
    const batcher = new TokenBatcher(
      (text) => this.events.append(jobId, 'token', { text }),
      this.events.settings.tokenFlushIntervalMs,
    );
    let content = '';
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    const stream = this.providers.forModel(model).generate({
      model,
      messages: started.history
        .filter((m) => m.role === 'user' || m.role === 'assistant')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      signal,
    });
    for await (const chunk of stream) {
      if (chunk.type === 'token') {
        content += chunk.text;
        batcher.push(chunk.text);
      } else {
        usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
      }
    }
    await batcher.close();
    if (usage) await this.events.append(jobId, 'usage', { model, ...usage });

    const message = await this.transactions.run(tenantId, async (tx) => {
      const stored = await this.messages.createForJobOnce(tx, { tenantId, conversationId, jobId, content });
      await this.jobs.finish(tx, jobId, {
        status: 'succeeded',
        result: { messageId: stored.id, model, ...(usage ?? {}) },
      });
      return stored;
    });
    await this.events.append(jobId, 'done', { status: 'succeeded', messageId: message.id });
    return { messageId: message.id };
  }

  /** Records the last attempt's failure, so the job row and its stream both end. */
  async fail(payload: Payload, error: unknown): Promise<void> {
    const reason = { message: error instanceof Error ? error.message : String(error) };
    await this.transactions.run(payload.tenantId, (tx) =>
      this.jobs.finish(tx, payload.jobId, { status: 'failed', error: reason }),
    );
    await this.events.append(payload.jobId, 'error', { status: 'failed', ...reason });
  }

  /**
   * A delivery of a job that already ended (the worker died after commit but before
   * its final event, or a duplicate delivery): write the ending again, nothing else.
   */
  private async replayEnding(payload: Payload): Promise<{ skipped: string }> {
    const job = await this.transactions.run(payload.tenantId, (tx) => this.jobs.findById(tx, payload.jobId));
    if (job?.status === 'succeeded')
      await this.events.append(payload.jobId, 'done', { status: 'succeeded', ...(job.result as object) });
    else if (job) await this.events.append(payload.jobId, 'error', { status: job.status, ...(job.error as object) });
    return { skipped: `job already ${job?.status ?? 'gone'}` };
  }
}
