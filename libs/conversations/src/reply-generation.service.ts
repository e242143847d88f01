import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type ChainEntry,
  type FinishReason,
  type GenerateChunk,
  type LlmProvider,
  ContextTooLongError,
  countTokens,
  LlmError,
  LlmMetrics,
  ProviderRegistry,
  ResilientGenerator,
  type TokenUsage,
} from '@copilot/llm';
import { JobRepository, MessageRepository, TenantTransactions, type Tx, UsageRepository } from '@copilot/persistence';
import {
  INTERNAL_ERROR_REASON,
  internalJobErrorMessage,
  JobCancellation,
  JobEventWriter,
  type JobOf,
  TokenBatcher,
} from '@copilot/queues';
import { TokenBudget } from '@copilot/usage';
import { type GenerationPlan, GenerationPlanner } from './generation-planner';
import { type Citation, GroundingService } from './grounding.service';

export const RESILIENT_GENERATOR = Symbol('RESILIENT_GENERATOR');

/** Runs of one job (redeliveries after crashes, stale-job recovery) before it is failed for good. */
const MAX_RUNS = 5;

type Payload = JobOf<'chat.generate'>;
type Ending = { status: 'succeeded' | 'cancelled'; messageId: string | null } | { status: 'failed'; reason: string };

interface Progress {
  content: string;
  citations?: Citation[];
  usage?: TokenUsage;
  /** The provider's own word on why the reply ended (`length`: a limit cut it). */
  finishReason?: FinishReason;
  provider?: string;
  model?: string;
  startedAt: number;
  firstTokenAt?: number;
  /** Our own count of the prompt, for when the provider reports no (believable) usage. */
  promptTokens?: number;
}

/**
 * The worker side of chatting: plan the request (copilot, history that fits), call
 * the providers through the resilience layer, stream the reply, and store it,
 * its usage and the job's ending exactly once. Every ending is a clear job state:
 * succeeded, cancelled (with what was generated), or failed with a reason.
 */
@Injectable()
export class ReplyGenerationService {
  private readonly logger = new Logger(ReplyGenerationService.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly messages: MessageRepository,
    private readonly usage: UsageRepository,
    private readonly planner: GenerationPlanner,
    private readonly providers: ProviderRegistry,
    private readonly events: JobEventWriter,
    private readonly cancellation: JobCancellation,
    private readonly budget: TokenBudget,
    private readonly metrics: LlmMetrics,
    private readonly grounding: GroundingService,
    @Inject(RESILIENT_GENERATOR) private readonly generator: ResilientGenerator,
  ) {}

  async run(payload: Payload, shutdown?: AbortSignal): Promise<Ending | { skipped: string }> {
    const { tenantId, jobId, conversationId } = payload;
    const cancel = await this.cancellation.watch(jobId);
    try {
      const started = await this.transactions.run(tenantId, async (tx) => {
        const job = await this.jobs.start(tx, jobId);
        if (!job) return null;
        if (job.cancelRequestedAt) return { job, plan: null, chain: [] };
        let plan: GenerationPlan;
        try {
          plan = await this.planner.plan(tx, conversationId);
        } catch (error) {
          if (error instanceof ContextTooLongError) return { job, plan: error, chain: [] };
          throw error;
        }
        return { job, plan, chain: await this.chainFor(tx, tenantId, plan) };
      });
      if (!started) return this.replayEnding(payload);
      if (started.job.attempts > MAX_RUNS) {
        const detail = `the job was started ${started.job.attempts} times without ending; giving up`;
        return this.end(
          payload,
          { status: 'failed', reason: 'too_many_attempts' },
          { content: '', startedAt: Date.now() },
          detail,
        );
      }
      if (started.plan === null)
        return this.end(payload, { status: 'cancelled', messageId: null }, { content: '', startedAt: Date.now() });
      if (started.plan instanceof ContextTooLongError) {
        return this.end(
          payload,
          { status: 'failed', reason: 'context_too_long' },
          { content: '', startedAt: Date.now() },
          started.plan.message,
        );
      }
      if (started.job.attempts > 1) {
        // An earlier run (a worker that died, a stalled job handed back) may have streamed
        // part of a reply: clients drop it before this run's tokens, as after a fallback.
        await this.events.append(jobId, 'status', {
          status: 'restarted',
          reason: 'redelivered',
          attempt: started.job.attempts,
        });
      }
      await this.events.append(jobId, 'status', { status: 'running', attempt: started.job.attempts });
      return await this.generate(
        payload,
        started.plan,
        started.chain,
        AbortSignal.any([cancel.signal, ...(shutdown ? [shutdown] : [])]),
        cancel.signal,
      );
    } finally {
      cancel.release();
    }
  }

  /**
   * Records the last attempt's failure (an unexpected error, after BullMQ's retries), so the
   * job and its stream end; the tenant reads a generic message, the error itself is logged.
   */
  async fail(payload: Payload): Promise<void> {
    await this.end(
      payload,
      { status: 'failed', reason: INTERNAL_ERROR_REASON },
      { content: '', startedAt: Date.now() },
      internalJobErrorMessage(payload),
    );
  }

  private async generate(
    payload: Payload,
    plan: GenerationPlan,
    chain: ChainEntry[],
    signal: AbortSignal,
    cancelled: AbortSignal,
  ) {
    const { jobId } = payload;
    const grounding = await this.grounding.ground(payload, plan);
    for (const [i, citation] of grounding.citations.entries()) {
      await this.events.append(jobId, 'citation', { index: i + 1, ...citation });
    }
    const progress: Progress = {
      content: '',
      startedAt: Date.now(),
      citations: grounding.citations,
      promptTokens: plan.context.inputTokens,
    };
    let batcher = this.batcher(jobId);
    this.metrics.activeConversations.inc();
    try {
      const stream = this.generator.generate(
        chain,
        {
          system: grounding.system || undefined,
          passages: grounding.passages,
          messages: plan.context.messages,
          temperature: plan.temperature,
          maxTokens: plan.maxTokens,
          topP: plan.topP,
          stop: plan.stop,
          seed: plan.seed,
          frequencyPenalty: plan.frequencyPenalty,
          presencePenalty: plan.presencePenalty,
          user: plan.user,
          signal,
        },
        {
          // The last provider called is the one whose reply (or failure) is kept.
          onAttempt: (info) => Object.assign(progress, { provider: info.provider, model: info.model }),
          onOutcome: (info) => this.metrics.outcome(info),
          // Its own server may be the tenant's: the reply is counted here instead (see end()).
          onImplausibleUsage: (info, reported) =>
            this.logger.warn(
              { job_id: jobId, tenant_id: payload.tenantId, provider: info.provider, model: info.model, reported },
              'provider reported implausible token usage; counting it ourselves',
            ),
        },
      );
      for await (const chunk of stream) {
        if (chunk.type === 'token') {
          progress.firstTokenAt ??= Date.now();
          progress.content += chunk.text;
          batcher.push(chunk.text);
        } else if (chunk.type === 'usage') {
          progress.usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
        } else if (chunk.type === 'finish') {
          progress.finishReason = chunk.reason;
        } else {
          // Everything streamed so far is void: clients are told before the new attempt's tokens.
          await batcher.close();
          batcher = this.batcher(jobId);
          progress.content = '';
          progress.usage = undefined;
          progress.finishReason = undefined;
          await this.events.append(jobId, 'status', {
            status: 'restarted',
            provider: chunk.provider,
            model: chunk.model,
            attempt: chunk.attempt,
            reason: chunk.reason,
          });
        }
      }
      await batcher.close();
      return await this.end(payload, { status: 'succeeded', messageId: null }, progress);
    } catch (error) {
      await batcher.close().catch(() => undefined);
      if (!(error instanceof LlmError)) throw error;
      if (error.kind === 'cancelled' && cancelled.aborted)
        return this.end(payload, { status: 'cancelled', messageId: null }, progress);
      if (error.kind === 'cancelled') throw error; // the worker is shutting down: BullMQ hands the job back
      progress.provider ??= error.provider;
      return this.end(payload, { status: 'failed', reason: error.kind }, progress, error.message);
    } finally {
      this.metrics.activeConversations.dec();
    }
  }

  private batcher(jobId: string): TokenBatcher {
    return new TokenBatcher(
      (text) => this.events.append(jobId, 'token', { text }),
      this.events.settings.tokenFlushIntervalMs,
    );
  }

  /**
   * Providers the tenant can use, in the plan's order; one without a key fails as it
   * is tried. Keys are read in the job's start transaction (one after another: a
   * transaction runs one statement at a time).
   */
  private async chainFor(tx: Tx, tenantId: string, plan: GenerationPlan): Promise<ChainEntry[]> {
    const chain: ChainEntry[] = [];
    for (const ref of plan.chain) {
      try {
        chain.push({ provider: await this.providers.forTenant(tenantId, ref, tx), model: ref.model });
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        chain.push({ provider: new UnconfiguredProvider(ref.provider, error), model: ref.model });
      }
    }
    return chain;
  }

  /**
   * Stores the outcome in one transaction: the assistant message (once per job,
   * with what was generated, also when cancelled), the usage record and the job's
   * final state; then settles the budget and writes the stream's final event.
   */
  private async end(payload: Payload, ending: Ending, progress: Progress, detail?: string): Promise<Ending> {
    const { tenantId, jobId, conversationId } = payload;
    // The provider's report when it made one that can be believed; else our own count.
    const inputTokens = progress.usage?.inputTokens ?? (progress.content ? (progress.promptTokens ?? 0) : 0);
    const outputTokens = progress.usage?.outputTokens ?? (progress.content ? countTokens(progress.content) : 0);
    const model = progress.model;
    const messageId = await this.transactions.run(tenantId, async (tx) => {
      const message = progress.content
        ? await this.messages.createForJobOnce(tx, {
            tenantId,
            conversationId,
            jobId,
            content: progress.content,
            citations: (progress.citations ?? []).map((c) => ({ ...c })),
          })
        : null;
      if (progress.provider) {
        await this.usage.record(tx, {
          tenantId,
          jobId,
          conversationId,
          provider: progress.provider,
          model: model ?? progress.provider,
          inputTokens,
          outputTokens,
          latencyMs: Date.now() - progress.startedAt,
          timeToFirstTokenMs: progress.firstTokenAt ? progress.firstTokenAt - progress.startedAt : null,
          outcome: ending.status,
        });
      }
      await this.jobs.finish(
        tx,
        jobId,
        ending.status === 'failed'
          ? {
              status: 'failed',
              error: {
                reason: ending.reason,
                message: detail ?? ending.reason,
                ...(progress.provider ? { provider: progress.provider } : {}),
              },
            }
          : ending.status === 'cancelled'
            ? {
                status: 'cancelled',
                error: {
                  reason: 'cancelled',
                  message: 'cancelled by request',
                  ...(message ? { messageId: message.id } : {}),
                },
              }
            : {
                status: 'succeeded',
                result: {
                  messageId: message?.id ?? null,
                  provider: progress.provider ?? null,
                  model: model ?? null,
                  inputTokens,
                  outputTokens,
                  // A provider that said nothing (the local one before, scripted fakes) ended normally.
                  finishReason: progress.finishReason ?? 'stop',
                },
              },
      );
      return message?.id ?? null;
    });
    if (progress.provider)
      this.metrics.tokensUsed(progress.provider, model ?? progress.provider, { inputTokens, outputTokens });
    await this.budget
      .settle(tenantId, payload.reservation, inputTokens + outputTokens)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not settle the token budget'));
    if (ending.status === 'failed') {
      await this.events.append(jobId, 'error', {
        status: 'failed',
        reason: ending.reason,
        message: detail ?? ending.reason,
      });
      return ending;
    }
    await this.events.append(jobId, 'done', {
      status: ending.status,
      messageId,
      ...(ending.status === 'succeeded' ? { finishReason: progress.finishReason ?? 'stop' } : {}),
    });
    return { ...ending, messageId };
  }

  /**
   * A delivery of a job that already ended (the worker died after commit but before
   * its final event, or a duplicate delivery): write the ending again, nothing else.
   */
  private async replayEnding(payload: Payload): Promise<{ skipped: string }> {
    const job = await this.transactions.run(payload.tenantId, (tx) => this.jobs.findById(tx, payload.jobId));
    if (job?.status === 'failed')
      await this.events.append(payload.jobId, 'error', { status: 'failed', ...(job.error as object) });
    else if (job)
      await this.events.append(payload.jobId, 'done', { status: job.status, ...((job.result ?? job.error) as object) });
    return { skipped: `job already ${job?.status ?? 'gone'}` };
  }
}

/** Stands in for a provider without a key: it fails as it is tried, so the chain falls back past it. */
class UnconfiguredProvider implements LlmProvider {
  constructor(
    readonly name: string,
    private readonly error: LlmError,
  ) {}

  // eslint-disable-next-line require-yield
  async *generate(): AsyncIterable<GenerateChunk> {
    throw this.error;
  }

  complete(): Promise<never> {
    return Promise.reject(this.error);
  }
}
