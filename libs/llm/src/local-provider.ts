import { LlmError } from './llm-error';
import type { ChatTurn, Completion, GenerateChunk, GenerateRequest, LlmProvider, ToolCall } from './llm-provider';

const TOKEN_INTERVAL_MS = 10;

/**
 * Works with no network and no key, so the platform answers out of the box. It
 * generates nothing clever: it says plainly that no model is configured and what
 * it was asked, streamed word by word like a real model would.
 */
export class LocalProvider implements LlmProvider {
  readonly name = 'local';

  complete(request: GenerateRequest): Promise<Completion> {
    return collect(this, request);
  }

  async *generate(request: GenerateRequest): AsyncIterable<GenerateChunk> {
    const calls = plannedToolCalls(request);
    if (calls.length > 0) {
      for (const [index, call] of calls.entries()) {
        if (request.signal?.aborted) throw new LlmError('cancelled', this.name, 'generation was cancelled');
        yield { type: 'tool_call_delta', index, id: call.id, name: call.name, argumentsDelta: call.arguments };
        yield { type: 'tool_call', call };
      }
      yield { type: 'finish', reason: 'tool_calls' };
      yield { type: 'usage', inputTokens: wordsIn(request), outputTokens: calls.length };
      return;
    }
    const question = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const results = trailingToolResults(request);
    const reply = results.length
      ? 'No language model is configured, so here is what the tools returned:\n\n' +
        results.map((r) => `${r.name}${r.isError ? ' (error)' : ''}: ${summarise(r.content, 400)}`).join('\n')
      : request.passages?.length
        ? 'No language model is configured, so here are the most relevant passages from your documents:\n\n' +
          request.passages.map((p, i) => `[${i + 1}] ${p.title}: ${summarise(p.text, 400)}`).join('\n\n')
        : 'No language model is configured, so the built-in local provider is answering. ' +
          `You wrote: "${summarise(question)}". ` +
          'Configure a provider (for example OPENAI_API_KEY and DEFAULT_MODEL) to get real answers.';
    // One word is one token here; a limit stops the reply there, as a model's would.
    const words = reply.match(/\S+\s*/g) ?? [];
    const limit = request.maxTokens ?? Infinity;
    let outputTokens = 0;
    for (const token of words.slice(0, limit)) {
      if (request.signal?.aborted) throw new LlmError('cancelled', this.name, 'generation was cancelled');
      outputTokens++;
      yield { type: 'token', text: token };
      // Paced like a small model, so streaming is visible end to end.
      await new Promise((resolve) => setTimeout(resolve, TOKEN_INTERVAL_MS));
    }
    yield { type: 'finish', reason: words.length > limit ? 'length' : 'stop' };
    yield { type: 'usage', inputTokens: wordsIn(request), outputTokens };
  }
}

const wordsIn = (request: GenerateRequest) =>
  request.messages.reduce((sum, m) => sum + (m.content.match(/\S+/g)?.length ?? 0), 0);

/** `call <tool> {json}` (a flat JSON object) or `call <tool>` anywhere in the user's message. */
const DIRECTIVE = /\bcall\s+([a-zA-Z0-9_-]{1,64})(\s+\{[^{}]*\})?/g;

/**
 * The local provider's deterministic tool mode, so the whole agent loop runs offline:
 * when the newest turn is the user's and tools are offered, each `call <tool> {json}`
 * in it becomes a call of that tool (several: parallel calls, unless the request asks
 * for one at a time); `toolChoice: required` (or a named tool) with no directive calls
 * the first (or the named) tool with `{}`. After tool results it answers with them.
 */
function plannedToolCalls(request: GenerateRequest): ToolCall[] {
  const tools = request.tools ?? [];
  const last = request.messages.at(-1);
  if (!tools.length || request.toolChoice === 'none' || last?.role !== 'user') return [];
  const offered = new Set(tools.map((t) => t.name));
  const asked = [...last.content.matchAll(DIRECTIVE)]
    .filter(([, name]) => offered.has(name!))
    .map(([, name, args]) => ({ name: name!, arguments: args?.trim() ?? '{}' }));
  const forced = typeof request.toolChoice === 'object' ? request.toolChoice.name : undefined;
  let calls = forced ? asked.filter((c) => c.name === forced) : asked;
  if (calls.length === 0 && (forced || request.toolChoice === 'required')) {
    calls = [{ name: forced ?? tools[0]!.name, arguments: '{}' }];
  }
  if (request.parallelToolCalls === false) calls = calls.slice(0, 1);
  return calls.map((call, i) => ({ id: `call_local_${i + 1}_${hash(last.content)}`, ...call }));
}

function trailingToolResults(request: GenerateRequest): Extract<ChatTurn, { role: 'tool' }>[] {
  const results: Extract<ChatTurn, { role: 'tool' }>[] = [];
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const turn = request.messages[i]!;
    if (turn.role !== 'tool') break;
    results.unshift(turn);
  }
  return results;
}

/** A short stable digest, so call ids differ between steps but repeat for the same message. */
function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

export async function collect(provider: LlmProvider, request: GenerateRequest): Promise<Completion> {
  let text = '';
  let usage: Completion['usage'];
  let finishReason: Completion['finishReason'];
  const toolCalls: ToolCall[] = [];
  for await (const chunk of provider.generate(request)) {
    if (chunk.type === 'token') text += chunk.text;
    else if (chunk.type === 'tool_call') toolCalls.push(chunk.call);
    else if (chunk.type === 'finish') finishReason = chunk.reason;
    else if (chunk.type === 'usage') usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
  }
  return { text, usage, ...(finishReason ? { finishReason } : {}), ...(toolCalls.length ? { toolCalls } : {}) };
}

function summarise(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
