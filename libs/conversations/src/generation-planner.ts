import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@copilot/errors';
import {
  type BuiltContext,
  buildContext,
  type ChatTurn,
  contextWindow,
  type ModelRef,
  parseModelRef,
  type ProviderName,
} from '@copilot/llm';
import { applyOverrides } from './generation-overrides';
import {
  ConversationRepository,
  type Copilot,
  CopilotRepository,
  type CopilotTool,
  type CopilotToolChoice,
  MessageRepository,
  type Tx,
} from '@copilot/persistence';

export const CHAT_OPTIONS = Symbol('CHAT_OPTIONS');
export interface ChatSettings {
  maxHistoryMessages: number;
  defaultModel: string;
  /** Bytes of a tool's output kept and shown to the model. */
  toolOutputMaxBytes: number;
  /** How long an agent run may work from when it starts or resumes. */
  agentDeadlineMs: number;
  /** How long a parked run waits for an approval or a tool output. */
  pendingActionTtlMs: number;
}

/**
 * Without a limit none is sent (the model's own maximum applies), but the history still
 * leaves this much of the window free for the reply, and the budget reserves this much
 * for it: a typical reply, not a cap. The reservation settles to the real count at the end.
 */
export const REPLY_ESTIMATE_TOKENS = 1024;

export interface GenerationPlan {
  /** The model to use first, then the fallbacks in order. */
  chain: (ModelRef & { provider: ProviderName })[];
  system: string;
  temperature?: number;
  /** Nucleus sampling and stop sequences: only when the conversation overrides them. */
  topP?: number;
  stop?: string[];
  /** Sampling controls and the end user's id: only when the conversation overrides them. */
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  user?: string;
  /** The reply's limit when the copilot or the request set one; absent: none is sent. */
  maxTokens?: number;
  context: BuiltContext;
  /**
   * What the budget reserves: the prompt plus the reply's limit, or without one
   * REPLY_ESTIMATE_TOKENS (an estimate; the reservation settles to the real count).
   */
  estimatedTokens: number;
  /** Tokens the smallest model in the chain accepts, prompt and reply together. */
  window: number;
  /** The copilot's knowledge collections, to ground the reply in. */
  collectionIds: string[];
  /** The copilot's tools and the caps of its runs: the reply is an agent run. Absent: a plain reply. */
  agent?: AgentPlan;
}

export interface AgentPlan {
  tools: CopilotTool[];
  toolChoice: CopilotToolChoice;
  maxSteps: number;
  maxToolCalls: number | null;
  parallelToolCalls: boolean;
}

function agentOf(copilot: Copilot | null): AgentPlan | undefined {
  const tools = (copilot?.tools ?? []) as unknown as CopilotTool[];
  if (!copilot || tools.length === 0) return undefined;
  return {
    tools,
    toolChoice: copilot.toolChoice as CopilotToolChoice,
    maxSteps: copilot.maxSteps,
    maxToolCalls: copilot.maxToolCalls,
    parallelToolCalls: copilot.parallelToolCalls,
  };
}

/**
 * What a reply will be generated with: the conversation's copilot (or the default
 * model), and as much history as fits the smallest context window in its chain.
 * The api uses it to reject an oversized message (422) and to reserve budget; the
 * worker uses it to build the actual request.
 */
@Injectable()
export class GenerationPlanner {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly copilots: CopilotRepository,
    private readonly messages: MessageRepository,
    @Inject(CHAT_OPTIONS) private readonly settings: ChatSettings,
  ) {}

  /** `pending`: a user message not stored yet, planned as if it were the newest. Throws ContextTooLongError. */
  async plan(tx: Tx, conversationId: string, pending?: string): Promise<GenerationPlan> {
    const conversation = await this.conversations.findById(tx, conversationId);
    if (!conversation) throw new NotFound('conversation', conversationId);
    const stored = conversation.copilotId ? await this.copilots.findById(tx, conversation.copilotId) : null;
    const copilot = applyOverrides(stored, conversation.generation);
    const chain = [copilot?.model ?? this.settings.defaultModel, ...(copilot?.fallbackModels ?? [])].map(parseModelRef);
    const maxTokens = copilot?.maxTokens ?? undefined;
    const replyAllowance = maxTokens ?? REPLY_ESTIMATE_TOKENS;
    const latest = await this.messages.latest(tx, conversationId, this.settings.maxHistoryMessages);
    const history: ChatTurn[] = latest
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
    if (pending !== undefined) history.push({ role: 'user', content: pending });
    const system = copilot?.instructions ?? '';
    const window = Math.min(...chain.map(contextWindow));
    const context = buildContext({
      instructions: system,
      history: history.slice(-this.settings.maxHistoryMessages),
      window,
      replyReserve: replyAllowance,
    });
    return {
      chain,
      system,
      temperature: copilot?.temperature ?? undefined,
      ...(copilot?.topP !== undefined ? { topP: copilot.topP } : {}),
      ...(copilot?.stop ? { stop: copilot.stop } : {}),
      ...(copilot?.seed !== undefined ? { seed: copilot.seed } : {}),
      ...(copilot?.frequencyPenalty !== undefined ? { frequencyPenalty: copilot.frequencyPenalty } : {}),
      ...(copilot?.presencePenalty !== undefined ? { presencePenalty: copilot.presencePenalty } : {}),
      ...(copilot?.user ? { user: copilot.user } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      context,
      estimatedTokens: context.inputTokens + replyAllowance,
      window,
      collectionIds: copilot?.collectionIds ?? [],
      ...(agentOf(stored) ? { agent: agentOf(stored) } : {}),
    };
  }
}
