import { encode } from 'gpt-tokenizer';
import type { ChatTurn } from '../llm-provider';

/**
 * Tokens of a text with a real BPE tokenizer (o200k_base). Other vendors tokenize
 * differently; the overhead per message and the reserve keep the estimate on the
 * safe side for them too.
 */
export function countTokens(text: string): number {
  return encode(text).length;
}

/** Role markers and separators each message costs on top of its text. */
const PER_MESSAGE_OVERHEAD = 4;

export class ContextTooLongError extends Error {
  constructor(
    readonly tokens: number,
    readonly available: number,
  ) {
    super(`the message needs ${tokens} tokens but the model accepts ${available} for the prompt`);
    this.name = 'ContextTooLongError';
  }
}

export interface BuiltContext {
  messages: ChatTurn[];
  /** Prompt tokens: instructions plus the messages kept. */
  inputTokens: number;
  /** Oldest history left out because it did not fit. */
  dropped: number;
}

/**
 * Instructions plus as much recent history as fits the window after reserving room
 * for the reply; the newest message always goes in, or ContextTooLongError.
 */
export function buildContext(input: {
  instructions: string;
  history: ChatTurn[];
  window: number;
  replyReserve: number;
}): BuiltContext {
  const available = input.window - input.replyReserve;
  let used = input.instructions ? countTokens(input.instructions) + PER_MESSAGE_OVERHEAD : 0;
  const kept: ChatTurn[] = [];
  for (let i = input.history.length - 1; i >= 0; i--) {
    const turn = input.history[i]!;
    const cost = countTokens(turn.content) + PER_MESSAGE_OVERHEAD;
    if (used + cost > available) {
      if (kept.length === 0) throw new ContextTooLongError(used + cost, available);
      break;
    }
    used += cost;
    kept.unshift(turn);
  }
  return { messages: kept, inputTokens: used, dropped: input.history.length - kept.length };
}
