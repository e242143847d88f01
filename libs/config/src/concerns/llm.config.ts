import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional();

/** LLM vendors: the platform's keys and endpoints, and how hard to try. */
export const llmConfig = defineConcern(
  'llm',
  {
    OPENAI_API_KEY: { schema: z.string().min(1).optional(), secret: true },
    // Any OpenAI-compatible server: vLLM, Ollama (http://localhost:11434/v1), llama.cpp, LM Studio.
    OPENAI_BASE_URL: { schema: httpUrl },
    ANTHROPIC_API_KEY: { schema: z.string().min(1).optional(), secret: true },
    ANTHROPIC_BASE_URL: { schema: httpUrl },
    GOOGLE_API_KEY: { schema: z.string().min(1).optional(), secret: true },
    GEMINI_BASE_URL: { schema: httpUrl },
    MAX_RETRIES: { schema: z.coerce.number().int().min(0).max(10).default(3) },
    TIMEOUT_MS: { schema: positiveInt.default(30_000) },
    CIRCUIT_BREAKER_FAILURES: { schema: positiveInt.default(5) },
    CIRCUIT_BREAKER_COOLDOWN_MS: { schema: positiveInt.default(30_000) },
  },
  (v) => ({
    providers: {
      openai: { apiKey: v.OPENAI_API_KEY, baseUrl: v.OPENAI_BASE_URL },
      anthropic: { apiKey: v.ANTHROPIC_API_KEY, baseUrl: v.ANTHROPIC_BASE_URL },
      gemini: { apiKey: v.GOOGLE_API_KEY, baseUrl: v.GEMINI_BASE_URL },
    },
    maxRetries: v.MAX_RETRIES,
    timeoutMs: v.TIMEOUT_MS,
    breaker: { failureThreshold: v.CIRCUIT_BREAKER_FAILURES, cooldownMs: v.CIRCUIT_BREAKER_COOLDOWN_MS },
  }),
);
