import { randomUUID } from 'node:crypto';
import type OpenAI from 'openai';
import type { ChatTurn, GenerateChunk, GenerateRequest, ToolCall } from '../../llm-provider';

type MessageParam = OpenAI.Chat.ChatCompletionMessageParam;

/** The history in Chat Completions form: assistant `tool_calls`, and one `tool` message per result. */
export function openAiMessages(system: string | undefined, turns: ChatTurn[]): MessageParam[] {
  const messages: MessageParam[] = system ? [{ role: 'system', content: system }] : [];
  for (const turn of turns) {
    if (turn.role === 'tool') {
      // OpenAI has no error flag on a tool result: the text says so, for the model to read.
      const content = turn.isError ? `Error: ${turn.content}` : turn.content;
      messages.push({ role: 'tool', tool_call_id: turn.toolCallId, content });
    } else if (turn.role === 'assistant' && turn.toolCalls?.length) {
      messages.push({
        role: 'assistant',
        content: turn.content || null,
        tool_calls: turn.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      });
    } else {
      messages.push({ role: turn.role, content: turn.content });
    }
  }
  return messages;
}

/** `tools`, `tool_choice` and `parallel_tool_calls`, only when the request has tools. */
export function openAiToolParams(
  request: GenerateRequest,
): Pick<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'tools' | 'tool_choice' | 'parallel_tool_calls'> {
  if (!request.tools?.length) return {};
  const choice = request.toolChoice ?? 'auto';
  return {
    tools: request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    })),
    tool_choice: typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } },
    ...(request.parallelToolCalls !== undefined ? { parallel_tool_calls: request.parallelToolCalls } : {}),
  };
}

type ToolCallDelta = OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall;

/**
 * Puts streamed tool calls together: OpenAI sends each call's id and name once, keyed
 * by `index`, then its arguments in pieces under the same index (parallel calls
 * interleave). A call is complete only when the step finishes.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, ToolCall>();

  get size(): number {
    return this.calls.size;
  }

  add(delta: ToolCallDelta): GenerateChunk {
    const call = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name += delta.function.name;
    const argumentsDelta = delta.function?.arguments ?? '';
    call.arguments += argumentsDelta;
    this.calls.set(delta.index, call);
    return {
      type: 'tool_call_delta',
      index: delta.index,
      ...(delta.id ? { id: delta.id } : {}),
      ...(delta.function?.name ? { name: delta.function.name } : {}),
      argumentsDelta,
    };
  }

  /** In index order. A server that sent no id (some OpenAI-compatible ones) gets a made-up one. */
  complete(): ToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({
        ...call,
        id: call.id || `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        arguments: call.arguments || '{}',
      }));
  }
}
