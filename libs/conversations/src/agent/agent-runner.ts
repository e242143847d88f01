import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type ChainEntry,
  type ChatTurn,
  type GenerateRequest,
  LlmError,
  type ResilientGenerator,
  type ToolCall,
  type ToolChoice,
} from '@copilot/llm';
import {
  type Prisma,
  type RunStep,
  RunStepRepository,
  TenantRepository,
  TenantTransactions,
  UsageRepository,
} from '@copilot/persistence';
import { type AgentStopReason, JobEventWriter, type JobOf } from '@copilot/queues';
import { checkArguments, type RunnableTool, ToolExecutor, type ToolResult } from '@copilot/tools';
import { TokenBudget } from '@copilot/usage';
import { CHAT_OPTIONS, type AgentPlan, type ChatSettings, type GenerationPlan } from '../generation-planner';
import { restartedStatus } from '../reply-events';
import { AgentMetrics } from './agent-metrics';
import { inSpan } from './agent-spans';
import { callDigest, callSignature, stateOf, type AgentState, type StepToolOutput, toolTurn } from './agent-state';

/** The same call with the same arguments this many times is a loop. */
const LOOP_AFTER = 3;

type Payload = JobOf<'chat.generate'>;

export interface AgentRunInput {
  payload: Payload;
  plan: GenerationPlan & { agent: AgentPlan };
  chain: ChainEntry[];
  tools: RunnableTool[];
  /** The copilot's instructions with the grounding passages (as for a plain reply). */
  system?: string;
  passages?: { title: string; text: string }[];
  signal: AbortSignal;
}

/** How the run ended: an answer, a cap, or parked on calls that wait for a person or the caller. */
export type AgentRunEnd =
  | { kind: 'finished'; stopReason: AgentStopReason; state: AgentState }
  | { kind: 'parked'; type: 'approve_tool_calls' | 'submit_tool_outputs'; calls: RunStep[]; state: AgentState };

/**
 * The loop of an agent run: a model step, the tool calls it asked for (in parallel),
 * their results into the history, the next step, until the model answers or a cap
 * stops it (then one last step without tools answers). Every step is a row
 * (run_steps) written before it starts and when it ends, so a run handed to another
 * worker carries on from its last finished step and never repeats a finished call.
 */
@Injectable()
export class AgentRunner {
  private readonly logger = new Logger(AgentRunner.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly steps: RunStepRepository,
    private readonly tenants: TenantRepository,
    private readonly usage: UsageRepository,
    private readonly events: JobEventWriter,
    private readonly executor: ToolExecutor,
    private readonly budget: TokenBudget,
    private readonly metrics: AgentMetrics,
    @Inject(CHAT_OPTIONS) private readonly settings: ChatSettings,
  ) {}

  async run(input: AgentRunInput, generator: ResilientGenerator): Promise<AgentRunEnd> {
    const end = await this.loop(input, generator);
    if (end.kind === 'finished') this.metrics.runEnded(end.stopReason, end.state.modelSteps);
    return end;
  }

  private async loop(input: AgentRunInput, generator: ResilientGenerator): Promise<AgentRunEnd> {
    const { tenantId, jobId } = input.payload;
    const startedAt = Date.now();
    const state = stateOf(await this.transactions.run(tenantId, (tx) => this.steps.listForJob(tx, jobId)));
    if (state.interruptedModel) {
      // Its tokens were streamed and are void: clients drop them with the rest, then get
      // the finished steps' text again, and the step runs anew.
      await this.transactions.run(tenantId, (tx) => this.steps.discard(tx, state.interruptedModel!.id));
      state.interruptedModel = null;
    }
    if (state.content) await this.events.append(jobId, 'token', { text: state.content });

    const parked = await this.settleOpenCalls(input, state);
    if (parked) return parked;

    const agent = input.plan.agent;
    let budgets: Promise<{ daily: number | null; monthly: number | null }> | undefined;
    for (;;) {
      const cap = this.capBefore(state, agent, startedAt);
      if (cap) return this.finish(input, state, cap, generator);
      if (state.modelSteps > 0) {
        // The tenant's budgets are read once per run, when a second step first needs them.
        budgets ??= this.transactions.run(tenantId, (tx) => this.tenants.budgetsOf(tx, tenantId));
        if (!(await this.budgetAllowsAnotherStep(input, state, await budgets))) {
          return { kind: 'finished', stopReason: 'budget_exceeded', state };
        }
      }
      const calls = await this.modelStep(input, state, generator, true);
      if (calls.length === 0) return { kind: 'finished', stopReason: 'answered', state };
      const stop = await this.toolStep(input, state, calls);
      if (stop === 'parked') return this.parkedOn(state);
      if (stop) return this.finish(input, state, stop, generator);
    }
  }

  /** One model step; returns the calls it asked for. */
  private modelStep(
    input: AgentRunInput,
    state: AgentState,
    generator: ResilientGenerator,
    withTools: boolean,
  ): Promise<ToolCall[]> {
    const attributes = { 'copilot.job_id': input.payload.jobId, 'copilot.agent.step': state.modelSteps + 1 };
    return inSpan('agent.step', attributes, async (span) => {
      const calls = await this.runModelStep(input, state, generator, withTools);
      span.setAttributes({
        'copilot.agent.tool_calls': calls.length,
        ...(state.lastProvider ? { 'gen_ai.system': state.lastProvider } : {}),
        ...(state.lastModel ? { 'gen_ai.request.model': state.lastModel } : {}),
      });
      return calls;
    });
  }

  private async runModelStep(
    input: AgentRunInput,
    state: AgentState,
    generator: ResilientGenerator,
    withTools: boolean,
  ): Promise<ToolCall[]> {
    const { tenantId, jobId } = input.payload;
    const number = state.modelSteps + 1;
    const row = await this.transactions.run(tenantId, (tx) =>
      this.steps.startModel(tx, tenantId, jobId, { seq: state.nextSeq++, provider: null, model: null }),
    );
    await this.events.append(jobId, 'step', { step: number, status: 'started' });
    const before = state.content;
    let text = '';
    let calls: ToolCall[] = [];
    let finishReason = 'stop';
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    let provider: string | undefined;
    let model: string | undefined;
    let batcher = this.events.tokenBatcher(jobId);
    const request = this.requestOf(input, state, withTools);
    try {
      const stream = generator.generate(input.chain, request, {
        onAttempt: (info) => ((provider = info.provider), (model = info.model)),
      });
      for await (const chunk of stream) {
        if (chunk.type === 'token') {
          text += chunk.text;
          batcher.push(chunk.text);
        } else if (chunk.type === 'tool_call_delta') {
          // Text before a call is on the stream before the call's pieces.
          await batcher.close();
          await this.events.append(jobId, 'tool_call.delta', {
            step: number,
            index: chunk.index,
            ...(chunk.id ? { id: chunk.id } : {}),
            ...(chunk.name ? { name: chunk.name } : {}),
            argumentsDelta: chunk.argumentsDelta,
          });
        } else if (chunk.type === 'tool_call') {
          calls.push(chunk.call);
        } else if (chunk.type === 'usage') {
          usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
        } else if (chunk.type === 'finish') {
          finishReason = chunk.reason;
        } else {
          // Another provider starts this step over: what this step streamed is void.
          await batcher.close();
          batcher = this.events.tokenBatcher(jobId);
          text = '';
          calls = [];
          usage = undefined;
          await this.events.append(jobId, 'status', restartedStatus(chunk));
          if (before) await this.events.append(jobId, 'token', { text: before });
        }
      }
      await batcher.close();
    } catch (error) {
      await batcher.close().catch(() => undefined);
      // The step failed: its row says so, and the error ends the run (or is retried).
      await this.transactions.run(tenantId, (tx) =>
        this.steps.end(tx, row.id, {
          status: 'failed',
          provider: provider ?? null,
          model: model ?? null,
          error: { reason: error instanceof LlmError ? error.kind : 'internal_error' },
        }),
      );
      state.content = before + text;
      throw error;
    }
    const used = usage ?? { inputTokens: 0, outputTokens: 0 };
    await this.transactions.run(tenantId, async (tx) => {
      await this.steps.end(tx, row.id, {
        status: 'succeeded',
        provider: provider ?? null,
        model: model ?? null,
        output: { text, toolCalls: calls, finishReason } as unknown as Prisma.InputJsonObject,
        inputTokens: used.inputTokens,
        outputTokens: used.outputTokens,
        durationMs: Date.now() - row.startedAt.getTime(),
      });
      if (provider) {
        await this.usage.record(tx, {
          tenantId,
          jobId,
          conversationId: input.payload.conversationId,
          provider,
          model: model ?? provider,
          ...used,
          latencyMs: Date.now() - row.startedAt.getTime(),
          timeToFirstTokenMs: null,
          outcome: 'succeeded',
        });
      }
    });
    state.modelSteps++;
    state.content += text;
    state.usage.inputTokens += used.inputTokens;
    state.usage.outputTokens += used.outputTokens;
    state.lastProvider = provider;
    state.lastModel = model;
    state.turns.push({ role: 'assistant', content: text, toolCalls: calls });
    await this.events.append(jobId, 'step', {
      step: number,
      status: 'finished',
      finishReason,
      ...(provider ? { provider } : {}),
      ...(model ? { model } : {}),
      ...used,
    });
    return calls;
  }

  /**
   * The calls of one step: each written as a row, checked (known tool, arguments that
   * match its schema, the caps), then run in parallel, or left waiting for an approval
   * or the caller's output. Returns the cap that stopped the run, `parked`, or null.
   */
  private async toolStep(
    input: AgentRunInput,
    state: AgentState,
    calls: ToolCall[],
  ): Promise<AgentStopReason | 'parked' | null> {
    const { tenantId, jobId } = input.payload;
    const agent = input.plan.agent;
    const step = state.modelSteps;
    let stop: AgentStopReason | null = null;
    const toRun: { row: RunStep; tool: RunnableTool; args: Record<string, unknown> }[] = [];
    const early: { row: RunStep; result: StepToolOutput }[] = [];
    for (const call of calls) {
      await this.events.append(jobId, 'tool_call', { step, id: call.id, name: call.name, arguments: call.arguments });
      const signature = callSignature(call.name, call.arguments);
      const repeats = (state.callCounts.get(signature) ?? 0) + 1;
      state.callCounts.set(signature, repeats);
      if (agent.maxToolCalls !== null && state.toolCalls >= agent.maxToolCalls) stop ??= 'max_tool_calls';
      if (repeats >= LOOP_AFTER) stop ??= 'loop_detected';
      const tool = input.tools.find((t) => t.spec.name === call.name);
      const checked = tool ? checkArguments(tool.spec.parameters, call.arguments) : null;
      const waits = !stop && tool && checked?.ok ? waitingStatusOf(tool) : null;
      const row = await this.transactions.run(tenantId, (tx) =>
        this.steps.startTool(tx, tenantId, jobId, {
          seq: state.nextSeq++,
          toolCallId: call.id,
          toolName: call.name,
          toolKind: tool?.kind ?? 'unknown',
          arguments: call.arguments,
          argumentsDigest: callDigest(call),
          ...(waits ? { status: waits } : {}),
        }),
      );
      state.toolCalls++;
      if (stop) {
        early.push({ row, result: { status: 'error', output: `not run: the run stopped (${stop})` } });
      } else if (!tool) {
        early.push({ row, result: { status: 'error', output: `there is no tool named ${call.name}` } });
      } else if (!checked!.ok) {
        early.push({ row, result: { status: 'error', output: `invalid arguments: ${checked!.message}` } });
      } else if (waits) {
        state.open.push(row);
      } else {
        toRun.push({ row, tool, args: checked!.value });
      }
    }
    for (const { row, result } of early) await this.endCall(input, state, row, result, 0);
    await Promise.all(toRun.map(({ row, tool, args }) => this.runCall(input, state, row, tool, args)));
    if (stop) return stop;
    return state.open.length > 0 ? 'parked' : null;
  }

  private async runCall(
    input: AgentRunInput,
    state: AgentState,
    row: RunStep,
    tool: RunnableTool,
    args: Record<string, unknown>,
  ): Promise<void> {
    const attributes = {
      'copilot.job_id': input.payload.jobId,
      'copilot.tool.name': tool.spec.name,
      'copilot.tool.kind': tool.kind,
    };
    await inSpan('tool.call', attributes, async (span) => {
      const started = Date.now();
      const result: ToolResult = await this.executor.execute(tool, args, {
        tenantId: input.payload.tenantId,
        jobId: input.payload.jobId,
        callId: row.toolCallId ?? row.id,
        collectionIds: input.plan.collectionIds,
        maxOutputBytes: this.settings.toolOutputMaxBytes,
        signal: input.signal,
      });
      span.setAttributes({ 'copilot.tool.outcome': result.status, 'copilot.tool.output_bytes': result.output.length });
      await this.endCall(input, state, row, result, Date.now() - started);
    });
  }

  private async endCall(
    input: AgentRunInput,
    state: AgentState,
    row: RunStep,
    result: StepToolOutput,
    durationMs: number,
  ): Promise<void> {
    const status = result.status === 'ok' ? 'succeeded' : result.status === 'error' ? 'failed' : result.status;
    await this.transactions.run(input.payload.tenantId, (tx) =>
      this.steps.end(tx, row.id, { status, output: { ...result } as Prisma.InputJsonObject, durationMs }),
    );
    state.turns.push(toolTurn(row, result));
    // Calls that never ran (bad arguments, a cap, a rejection) count with no duration.
    this.metrics.toolCall(
      row.toolName ?? '',
      row.toolKind ?? 'unknown',
      result.status,
      durationMs > 0 ? durationMs : null,
    );
    await this.events.append(input.payload.jobId, 'tool_result', {
      id: row.toolCallId ?? row.id,
      name: row.toolName ?? '',
      status: result.status,
      durationMs,
      output: result.output,
      truncated: result.truncated ?? false,
    });
  }

  /**
   * Calls left without a result by an earlier run: a call that was running when its
   * worker died is run again only when its tool is idempotent (it gets the same
   * Idempotency-Key); otherwise, like a call waiting for approval or for the caller,
   * the run parks on it.
   */
  private async settleOpenCalls(input: AgentRunInput, state: AgentState): Promise<AgentRunEnd | null> {
    const open = state.open;
    state.open = [];
    for (const row of open) {
      const tool = input.tools.find((t) => t.spec.name === row.toolName);
      const rerun = row.status === 'running' && tool?.idempotent;
      const approved = row.status === 'awaiting_approval' && row.decision === 'approved';
      if (!tool) {
        await this.endCall(input, state, row, { status: 'error', output: 'the tool is no longer available' }, 0);
      } else if (row.status === 'awaiting_approval' && row.decision === 'expired') {
        const output = 'no one approved this call in time, so it was not run';
        await this.endCall(input, state, row, { status: 'rejected', output }, 0);
      } else if (row.status === 'awaiting_approval' && row.decision === 'rejected') {
        const why = row.decisionReason ? `: ${row.decisionReason}` : '';
        await this.endCall(input, state, row, { status: 'rejected', output: `the user rejected this call${why}` }, 0);
      } else if (rerun || approved) {
        const checked = checkArguments(tool.spec.parameters, row.arguments ?? '');
        if (checked.ok) await this.runCall(input, state, row, tool, checked.value);
        else await this.endCall(input, state, row, { status: 'error', output: checked.message }, 0);
      } else {
        // Interrupted mid-call and not safe to repeat: a person decides whether it runs again.
        if (row.status === 'running') {
          await this.transactions.run(input.payload.tenantId, (tx) => this.steps.holdForApproval(tx, row.id));
          row.status = 'awaiting_approval';
        }
        state.open.push(row);
      }
    }
    return state.open.length > 0 ? this.parkedOn(state) : null;
  }

  private parkedOn(state: AgentState): AgentRunEnd {
    const waitingForCaller = state.open.every((row) => row.status === 'awaiting_output');
    return {
      kind: 'parked',
      type: waitingForCaller ? 'submit_tool_outputs' : 'approve_tool_calls',
      calls: state.open,
      state,
    };
  }

  /** A cap stopped the run: one last step without tools gives the user an answer. */
  private async finish(
    input: AgentRunInput,
    state: AgentState,
    stopReason: AgentStopReason,
    generator: ResilientGenerator,
  ): Promise<AgentRunEnd> {
    await this.modelStep(input, state, generator, false);
    return { kind: 'finished', stopReason, state };
  }

  private capBefore(state: AgentState, agent: AgentPlan, startedAt: number): AgentStopReason | null {
    if (state.modelSteps >= agent.maxSteps) return 'max_steps';
    if (Date.now() - startedAt >= this.settings.agentDeadlineMs) return 'deadline';
    return null;
  }

  /** Steps after the first are checked against the tenant's budget before they start. */
  private async budgetAllowsAnotherStep(
    input: AgentRunInput,
    state: AgentState,
    budgets: { daily: number | null; monthly: number | null },
  ): Promise<boolean> {
    const { tenantId } = input.payload;
    if (budgets.daily === null && budgets.monthly === null) return true;
    try {
      const used = await this.budget.used(tenantId);
      const estimate = state.usage.inputTokens / Math.max(1, state.modelSteps);
      const fits = (limit: number | null, spent: number) => limit === null || spent + estimate <= limit;
      return fits(budgets.daily, used.day) && fits(budgets.monthly, used.month);
    } catch (error) {
      // As when a message is accepted: a budget outage is not an outage of chat.
      this.logger.warn({ err: error, tenant_id: tenantId }, 'token budget unavailable; the run goes on');
      return true;
    }
  }

  private requestOf(input: AgentRunInput, state: AgentState, withTools: boolean): Omit<GenerateRequest, 'model'> {
    const { plan } = input;
    const messages: ChatTurn[] = [...plan.context.messages, ...state.turns];
    // A forced choice applies to the first step only: forcing every step would never let the model answer.
    const choice: ToolChoice = state.modelSteps === 0 ? plan.agent.toolChoice : 'auto';
    return {
      ...(input.system ? { system: input.system } : {}),
      ...(input.passages?.length ? { passages: input.passages } : {}),
      messages,
      temperature: plan.temperature,
      maxTokens: plan.maxTokens,
      topP: plan.topP,
      stop: plan.stop,
      seed: plan.seed,
      user: plan.user,
      signal: input.signal,
      ...(withTools && choice !== 'none'
        ? {
            tools: input.tools.map((t) => t.spec),
            toolChoice: choice,
            parallelToolCalls: plan.agent.parallelToolCalls,
          }
        : {}),
    };
  }
}

/** A client tool waits for the caller's output (the caller is its own approver); others for approval when asked. */
function waitingStatusOf(tool: RunnableTool): 'awaiting_approval' | 'awaiting_output' | null {
  if (tool.kind === 'client') return 'awaiting_output';
  if (tool.approval === 'always') return 'awaiting_approval';
  return null;
}
