import { LlmError } from './llm-error';
import type { Completion, GenerateChunk, GenerateRequest, LlmProvider } from './llm-provider';

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
    const question = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const reply = request.passages?.length
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
    const inputTokens = request.messages.reduce((sum, m) => sum + (m.content.match(/\S+/g)?.length ?? 0), 0);
    yield { type: 'usage', inputTokens, outputTokens };
  }
}

export async function collect(provider: LlmProvider, request: GenerateRequest): Promise<Completion> {
  let text = '';
  let usage: Completion['usage'];
  let finishReason: Completion['finishReason'];
  for await (const chunk of provider.generate(request)) {
    if (chunk.type === 'token') text += chunk.text;
    else if (chunk.type === 'finish') finishReason = chunk.reason;
    else usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
  }
  return { text, usage, ...(finishReason ? { finishReason } : {}) };
}

function summarise(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
