import { createHash } from 'node:crypto';
import type { ChatTurn, ToolCall, TokenUsage } from '@copilot/llm';
import type { RunStep } from '@copilot/persistence';

/** What a tool call's row says the model should read back. */
export interface StepToolOutput {
  status: 'ok' | 'error' | 'rejected' | 'timeout';
  output: string;
  truncated?: boolean;
}

/** A model step's row output. */
export interface StepModelOutput {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string;
}

/**
 * An agent run as its rows tell it: the turns the model has seen (its calls and their
 * results), the text it has written, the counts the caps compare, and the tool calls
 * that have no result yet (a worker died while they ran, or the run is parked on them).
 */
export interface AgentState {
  turns: ChatTurn[];
  /** The text of every finished model step, as streamed. */
  content: string;
  modelSteps: number;
  toolCalls: number;
  nextSeq: number;
  usage: TokenUsage;
  /** How many times each call (name and arguments) was made: three of one is a loop. */
  callCounts: Map<string, number>;
  /** Calls of the last model step that have no finished result. */
  open: RunStep[];
  /** A model step that was running when its worker died: run again. */
  interruptedModel: RunStep | null;
  lastProvider?: string;
  lastModel?: string;
}

export const FINISHED_TOOL_STATUSES = new Set(['succeeded', 'failed', 'rejected', 'timeout', 'cancelled']);

/** The digest an approval is bound to: the exact call (id, name and arguments). */
export function callDigest(call: { id: string; name: string; arguments: string }): string {
  return createHash('sha256').update(`${call.id}\u0000${call.name}\u0000${call.arguments}`).digest('hex');
}

export function callSignature(name: string, args: string): string {
  let canonical = args;
  try {
    canonical = JSON.stringify(sortKeys(JSON.parse(args)));
  } catch {
    // Arguments that do not parse are compared as written.
  }
  return `${name}\u0000${canonical}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Rebuilds the run from its steps, in order. */
export function stateOf(steps: readonly RunStep[]): AgentState {
  const state: AgentState = {
    turns: [],
    content: '',
    modelSteps: 0,
    toolCalls: 0,
    nextSeq: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    callCounts: new Map(),
    open: [],
    interruptedModel: null,
  };
  for (const step of steps) {
    state.nextSeq = Math.max(state.nextSeq, step.seq + 1);
    if (step.kind === 'model') {
      if (step.status !== 'succeeded') {
        state.interruptedModel = step;
        continue;
      }
      const output = step.output as unknown as StepModelOutput;
      state.modelSteps++;
      state.content += output.text;
      state.usage.inputTokens += step.inputTokens ?? 0;
      state.usage.outputTokens += step.outputTokens ?? 0;
      state.lastProvider = step.provider ?? undefined;
      state.lastModel = step.model ?? undefined;
      state.turns.push({ role: 'assistant', content: output.text, toolCalls: output.toolCalls });
      state.open = [];
      continue;
    }
    state.toolCalls++;
    const signature = callSignature(step.toolName ?? '', step.arguments ?? '');
    state.callCounts.set(signature, (state.callCounts.get(signature) ?? 0) + 1);
    if (FINISHED_TOOL_STATUSES.has(step.status)) {
      const result = step.output as unknown as StepToolOutput | null;
      state.turns.push(toolTurn(step, result));
    } else {
      state.open.push(step);
    }
  }
  return state;
}

export function toolTurn(step: RunStep, result: StepToolOutput | null): ChatTurn {
  return {
    role: 'tool',
    toolCallId: step.toolCallId ?? '',
    name: step.toolName ?? '',
    content: result?.output ?? '',
    ...(result && result.status !== 'ok' ? { isError: true } : {}),
  };
}
