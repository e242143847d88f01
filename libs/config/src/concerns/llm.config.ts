import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional();

/** LLM vendors: the platform's keys and endpoints, and how hard to try. */
export const llmConfig = defineConcern(
  'llm',
  {
    OPENAI_API_KEY: {
      schema: z
        .string()
        .min(1)
        .optional()
        .describe(
          "Platform key for OpenAI (or the OpenAI-compatible server of OPENAI_BASE_URL); a tenant's own key wins. Unset: the provider is off",
        ),
      secret: true,
    },
    OPENAI_BASE_URL: {
      schema: httpUrl.describe(
        'Any OpenAI-compatible server instead of OpenAI: vLLM, Ollama (http://127.0.0.1:11434/v1), llama.cpp, LM Studio',
      ),
    },
    ANTHROPIC_API_KEY: {
      schema: z
        .string()
        .min(1)
        .optional()
        .describe("Platform key for Anthropic; a tenant's own key wins. Unset: the provider is off"),
      secret: true,
    },
    ANTHROPIC_BASE_URL: { schema: httpUrl.describe("Another endpoint speaking Anthropic's Messages API") },
    GOOGLE_API_KEY: {
      schema: z
        .string()
        .min(1)
        .optional()
        .describe("Platform key for Google Gemini; a tenant's own key wins. Unset: the provider is off"),
      secret: true,
    },
    GEMINI_BASE_URL: { schema: httpUrl.describe('Another endpoint speaking the Gemini API') },
    MAX_RETRIES: {
      schema: z.coerce
        .number()
        .int()
        .min(0)
        .max(10)
        .default(3)
        .describe(
          'Attempts after the first on retryable provider failures (429, 5xx, timeouts), with backoff and jitter',
        ),
    },
    TIMEOUT_MS: {
      schema: positiveInt
        .default(30_000)
        .describe('Time allowed for one provider attempt (and between two streamed chunks)'),
    },
    CIRCUIT_BREAKER_FAILURES: {
      schema: positiveInt
        .default(5)
        .describe('Failures in a row after which a provider is skipped (by all workers, through Redis)'),
    },
    CIRCUIT_BREAKER_COOLDOWN_MS: {
      schema: positiveInt.default(30_000).describe('How long a provider is skipped once its circuit breaker opened'),
    },
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
