import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@copilot/persistence';
import type { ModelRef, ProviderName } from './context/model-catalog';
import { ProviderKeys } from './credentials/provider-keys.service';
import { LlmError } from './llm-error';
import type { LlmProvider, ProviderCredentials } from './llm-provider';
import { LocalProvider } from './local-provider';
import { AnthropicProvider } from './providers/anthropic/anthropic.provider';
import { GeminiProvider } from './providers/gemini/gemini.provider';
import { OpenAiProvider } from './providers/openai/openai.provider';

export const PROVIDER_TIMEOUT_MS = Symbol('PROVIDER_TIMEOUT_MS');

const ADAPTERS: Record<Exclude<ProviderName, 'local'>, new (credentials: ProviderCredentials) => LlmProvider> = {
  openai: OpenAiProvider,
  anthropic: AnthropicProvider,
  gemini: GeminiProvider,
};

/**
 * Provider clients for a tenant: with the tenant's own key when it stored one,
 * else the platform's. Clients are kept per key and endpoint, so connections are
 * reused across generations.
 */
@Injectable()
export class ProviderRegistry {
  private readonly local = new LocalProvider();
  private readonly clients = new Map<string, LlmProvider>();

  constructor(
    private readonly keys: ProviderKeys,
    @Inject(PROVIDER_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  /**
   * Throws LlmError `authentication` when no key is configured for that provider.
   * With `tx` (the caller's tenant transaction) the key is read inside it.
   */
  async forTenant(tenantId: string, ref: ModelRef & { provider: ProviderName }, tx?: Tx): Promise<LlmProvider> {
    if (ref.provider === 'local') return this.local;
    const credentials = await this.keys.resolve(tenantId, ref.provider, tx);
    if (!credentials) {
      throw new LlmError(
        'authentication',
        ref.provider,
        `no ${ref.provider} API key is configured (platform or tenant)`,
      );
    }
    const cacheKey = `${ref.provider}\u0000${credentials.apiKey}\u0000${credentials.baseUrl ?? ''}`;
    let client = this.clients.get(cacheKey);
    if (!client) {
      client = new ADAPTERS[ref.provider]({
        apiKey: credentials.apiKey,
        baseUrl: credentials.baseUrl,
        timeoutMs: this.timeoutMs,
      });
      this.clients.set(cacheKey, client);
    }
    return client;
  }
}
