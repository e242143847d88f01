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
import { MessageRepository, type Tx, UsageRepository } from '@copilot/persistence';
import {
  type AgentStopReason,
  CANCELLED_BY_REQUEST,
  type EndingOf,
  failed,
  type JobDefinition,
  JobEventWriter,
  type JobOf,
  type JobResultOf,
  type JobRun,
  type OutcomeOf,
} from '@copilot/queues';
import { type RunnableTool, ToolExecutor } from '@copilot/tools';
import { TokenBudget } from '@copilot/usage';
import { AgentRunner, type AgentRunEnd } from './agent/agent-runner';
import { restartedStatus } from './reply-events';
import {
  type AgentPlan,
  CHAT_OPTIONS,
  type ChatSettings,
  type GenerationPlan,
  GenerationPlanner,
} from './generation-planner';
import { type Citation, GroundingService } from './grounding.service';

export const RESILIENT_GENERATOR = Symbol('RESILIENT_GENERATOR');

type Payload = JobOf<'chat.generate'>;
/**
 * What the claim read: the plan and the providers to try (and, for a copilot with
 * tools, the tools resolved), or why there is nothing to ask.
 */
type Claimed = { plan: GenerationPlan; chain: ChainEntry[]; tools?: RunnableTool[] } | { tooLong: ContextTooLongError };
type Outcome = OutcomeOf<'chat.generate', Progress>;

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
  /** Agent runs: why the run stopped, its steps and calls; their usage is recorded per step. */
  agent?: { stopReason: AgentStopReason; steps: number; toolCalls: number };
}

/**
 * chat.generate: plan the request (copilot, history that fits), call the providers
 * through the resilience layer, stream the reply, and store it with its usage. The
 * job's lifecycle (claim, cancel, retries, the ending written once) is JobRunner's;
 * every ending is a clear job state: succeeded, cancelled (with what was generated),
 * or failed with a reason.
 */
@Injectable()
export class ReplyGenerationService implements JobDefinition<'chat.generate', Claimed, Progress> {
  private readonly logger = new Logger(ReplyGenerationService.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly usage: UsageRepository,
    private readonly planner: GenerationPlanner,
    private readonly providers: ProviderRegistry,
    private readonly events: JobEventWriter,
    private readonly budget: TokenBudget,
    private readonly metrics: LlmMetrics,
    private readonly grounding: GroundingService,
    private readonly agents: AgentRunner,
    private readonly toolExecutor: ToolExecutor,
    @Inject(CHAT_OPTIONS) private readonly chat: ChatSettings,
    @Inject(RESILIENT_GENERATOR) private readonly generator: ResilientGenerator,
  ) {}

  async claim(tx: Tx, { payload }: { payload: Payload }): Promise<Claimed> {
    let plan: GenerationPlan;
    try {
      plan = await this.planner.plan(tx, payload.conversationId);
    } catch (error) {
      if (error instanceof ContextTooLongError) return { tooLong: error };
      throw error;
    }
    const chain = await this.chainFor(tx, payload.tenantId, plan);
    if (!plan.agent) return { plan, chain };
    return { plan, chain, tools: await this.toolExecutor.prepare(tx, payload.tenantId, plan.agent.tools) };
  }

  async run(claimed: Claimed, run: JobRun<'chat.generate'>): Promise<Outcome> {
    if ('tooLong' in claimed) return failed({ reason: 'context_too_long', message: claimed.tooLong.message });
    const { jobId } = run.payload;
    if (run.row.attempts > 1) {
      // An earlier run (a worker that died, a stalled job handed back) may have streamed
      // part of a reply: clients drop it before this run's tokens, as after a fallback.
      await this.events.append(jobId, 'status', {
        status: 'restarted',
        reason: 'redelivered',
        attempt: run.row.attempts,
      });
    }
    await this.events.append(jobId, 'status', { status: 'running', attempt: run.row.attempts });
    if (claimed.plan.agent && claimed.tools?.length) {
      return this.runAgent(run.payload, { ...claimed.plan, agent: claimed.plan.agent }, claimed, run);
    }
    return this.generate(run.payload, claimed.plan, claimed.chain, run.signal, run.cancelled);
  }

  /**
   * In the ending's transaction: the assistant message (once per job, with what was
   * generated, also when cancelled or cut by a failure) and the usage record.
   */
  async record(tx: Tx, payload: Payload, outcome: Outcome): Promise<EndingOf<'chat.generate'>> {
    const progress = outcome.local;
    // A parked run has not answered yet: its message is written when it ends.
    const message =
      progress?.content && outcome.status !== 'requires_action'
        ? await this.messages.createForJobOnce(tx, {
            tenantId: payload.tenantId,
            conversationId: payload.conversationId,
            jobId: payload.jobId,
            content: progress.content,
            citations: (progress.citations ?? []).map((c) => ({ ...c })),
          })
        : null;
    if (progress?.provider && !progress.agent && outcome.status !== 'requires_action') {
      const used = usedTokens(progress);
      await this.usage.record(tx, {
        tenantId: payload.tenantId,
        jobId: payload.jobId,
        conversationId: payload.conversationId,
        provider: progress.provider,
        model: progress.model ?? progress.provider,
        ...used,
        latencyMs: Date.now() - progress.startedAt,
        timeToFirstTokenMs: progress.firstTokenAt ? progress.firstTokenAt - progress.startedAt : null,
        outcome: outcome.status,
      });
    }
    const messageId = message?.id ?? null;
    switch (outcome.status) {
      case 'succeeded':
        return { status: 'succeeded', result: { ...outcome.result, messageId } };
      case 'cancelled':
        return { status: 'cancelled', failure: { ...outcome.failure, messageId } };
      case 'failed':
        return { status: 'failed', failure: outcome.failure };
      default:
        return { status: outcome.status, action: outcome.action };
    }
  }

  /**
   * After the ending: the budget reservation settled to the tokens used (given back
   * when unused), and, when a provider was called, the `usage` event before the final one.
   */
  async settle(payload: Payload, ending: EndingOf<'chat.generate'>, outcome: Outcome): Promise<void> {
    // A parked run goes on later: its reservation is settled when it ends.
    if (ending.status === 'requires_action') return;
    const progress = outcome.local;
    const used = progress ? usedTokens(progress) : { inputTokens: 0, outputTokens: 0 };
    await this.budget.settle(payload.tenantId, payload.reservation, used.inputTokens + used.outputTokens);
    if (!progress?.provider) return;
    this.metrics.tokensUsed(progress.provider, progress.model ?? progress.provider, used);
    await this.events.append(payload.jobId, 'usage', used);
  }

  private async generate(
    payload: Payload,
    plan: GenerationPlan,
    chain: ChainEntry[],
    signal: AbortSignal,
    cancelled: AbortSignal,
  ): Promise<Outcome> {
    const { jobId } = payload;
    const grounding = await this.groundAndCite(payload, plan);
    const progress: Progress = {
      content: '',
      startedAt: Date.now(),
      citations: grounding.citations,
      promptTokens: plan.context.inputTokens,
    };
    let batcher = this.events.tokenBatcher(jobId);
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
          // Its own server may be the tenant's: the reply is counted here instead (see usedTokens).
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
        } else if (chunk.type === 'restart') {
          // Everything streamed so far is void: clients are told before the new attempt's tokens.
          await batcher.close();
          batcher = this.events.tokenBatcher(jobId);
          progress.content = '';
          progress.usage = undefined;
          progress.finishReason = undefined;
          await this.events.append(jobId, 'status', restartedStatus(chunk));
        }
      }
      await batcher.close();
      return { status: 'succeeded', result: resultOf(progress), local: progress };
    } catch (error) {
      await batcher.close().catch(() => undefined);
      if (!(error instanceof LlmError)) throw error;
      if (error.kind === 'cancelled' && cancelled.aborted)
        return { status: 'cancelled', failure: CANCELLED_BY_REQUEST, local: progress };
      if (error.kind === 'cancelled') throw error; // the worker is shutting down: BullMQ hands the job back
      progress.provider ??= error.provider;
      const failure = {
        reason: error.kind,
        message: error.message,
        ...(progress.provider ? { provider: progress.provider } : {}),
      };
      return { ...failed(failure), local: progress };
    } finally {
      this.metrics.activeConversations.dec();
    }
  }

  /** A copilot with tools: the agent loop (AgentRunner), its end mapped to the job's outcome. */
  private async runAgent(
    payload: Payload,
    plan: GenerationPlan & { agent: AgentPlan },
    claimed: { chain: ChainEntry[]; tools?: RunnableTool[] },
    run: JobRun<'chat.generate'>,
  ): Promise<Outcome> {
    const grounding = await this.groundAndCite(payload, plan);
    const progress: Progress = { content: '', startedAt: Date.now(), citations: grounding.citations };
    this.metrics.activeConversations.inc();
    let end: AgentRunEnd;
    try {
      end = await this.agents.run(
        {
          payload,
          plan,
          chain: claimed.chain,
          tools: claimed.tools ?? [],
          system: grounding.system || undefined,
          passages: grounding.passages,
          signal: run.signal,
        },
        this.generator,
      );
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      if (error.kind === 'cancelled' && run.cancelled.aborted) {
        return { status: 'cancelled', failure: CANCELLED_BY_REQUEST };
      }
      if (error.kind === 'cancelled') throw error;
      return failed({ reason: error.kind, message: error.message, provider: error.provider });
    } finally {
      this.metrics.activeConversations.dec();
    }
    const { state } = end;
    Object.assign(progress, {
      content: state.content,
      usage: state.usage,
      provider: state.lastProvider,
      model: state.lastModel,
    });
    if (end.kind === 'parked') {
      const action = {
        type: end.type,
        toolCalls: end.calls.map((c) => ({
          id: c.toolCallId ?? c.id,
          name: c.toolName ?? '',
          arguments: c.arguments ?? '',
        })),
        expiresAt: new Date(Date.now() + this.chat.pendingActionTtlMs).toISOString(),
      };
      await this.events.append(payload.jobId, 'requires_action', action);
      return { status: 'requires_action', action, local: progress };
    }
    progress.agent = { stopReason: end.stopReason, steps: state.modelSteps, toolCalls: state.toolCalls };
    return { status: 'succeeded', result: resultOf(progress), local: progress };
  }

  /** The passages a reply rests on, each announced as a `citation` event before the first token. */
  private async groundAndCite(payload: Payload, plan: GenerationPlan) {
    const grounding = await this.grounding.ground(payload, plan);
    for (const [i, citation] of grounding.citations.entries()) {
      await this.events.append(payload.jobId, 'citation', { index: i + 1, ...citation });
    }
    return grounding;
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
}

/** The provider's report when it made one that can be believed; else our own count. */
function usedTokens(progress: Progress): TokenUsage {
  return {
    inputTokens: progress.usage?.inputTokens ?? (progress.content ? (progress.promptTokens ?? 0) : 0),
    outputTokens: progress.usage?.outputTokens ?? (progress.content ? countTokens(progress.content) : 0),
  };
}

function resultOf(progress: Progress): JobResultOf<'chat.generate'> {
  return {
    messageId: null, // the ending's record step stores the message and fills it in
    provider: progress.provider ?? null,
    model: progress.model ?? null,
    ...usedTokens(progress),
    // A provider that said nothing (the local one before, scripted fakes) ended normally.
    finishReason: progress.finishReason ?? 'stop',
    ...(progress.agent ?? {}),
  };
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
