import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EGRESS_FETCH, type FetchFunction } from '@copilot/egress';
import type { Tx } from '@copilot/persistence';
import type { ModelRef, ProviderName } from './context/model-catalog';
import { LlmError } from './llm-error';
import type { LlmProvider, ProviderCredentials } from './llm-provider';
import { LocalProvider } from './local-provider';
import { AnthropicProvider } from './providers/anthropic/anthropic.provider';
import { GeminiProvider } from './providers/gemini/gemini.provider';
import { PROVIDER_KEY_SOURCE, type ProviderKey, type ProviderKeySource } from './provider-key-source';
import { OpenAiProvider } from './providers/openai/openai.provider';

export const PROVIDER_TIMEOUT_MS = Symbol('PROVIDER_TIMEOUT_MS');

const ADAPTERS: Record<Exclude<ProviderName, 'local'>, new (credentials: ProviderCredentials) => LlmProvider> = {
  openai: OpenAiProvider,
  anthropic: AnthropicProvider,
  gemini: GeminiProvider,
};

/**
 * The circuit of one credential and endpoint: `openai:platform` for the platform's
 * shared key, `openai:tenant:<digest>` for a tenant's own (a digest of key and base
 * URL: the key itself never reaches Redis). A tenant whose key or base URL fails
 * opens only its own circuit.
 */
export function circuitKey(provider: string, credentials: ProviderKey) {
  if (credentials.source === 'platform') return `${provider}:platform`;
  const digest = createHash('sha256')
    .update(`${provider}\u0000${credentials.apiKey}\u0000${credentials.baseUrl ?? ''}`)
    .digest('hex');
  return `${provider}:tenant:${digest.slice(0, 24)}`;
}

/**
 * Provider clients for a tenant: with the tenant's own key when it stored one,
 * else the platform's. Clients are kept per key and endpoint, so connections are
 * reused across generations. A tenant's own key is called through the egress
 * policy, wherever its base URL points; the platform's endpoints are the operator's.
 */
@Injectable()
export class ProviderRegistry {
  private readonly local = new LocalProvider();
  private readonly clients = new Map<string, LlmProvider>();

  constructor(
    @Inject(PROVIDER_KEY_SOURCE) private readonly keys: ProviderKeySource,
    @Inject(PROVIDER_TIMEOUT_MS) private readonly timeoutMs: number,
    @Inject(EGRESS_FETCH) private readonly egressFetch: FetchFunction,
  ) {}

  /**
   * Throws LlmError `authentication` when no key is configured for that provider.
   * With `tx` (the caller's tenant transaction) the key is read inside it.
   */
  async forTenant(tenantId: string, ref: ModelRef & { provider: ProviderName }, tx?: Tx): Promise<LlmProvider> {
    if (ref.provider === 'local') return this.local;
    const credentials = await this.keys.resolve(tenantId, ref.provider, tx, ref.model);
    if (!credentials) {
      throw new LlmError(
        'authentication',
        ref.provider,
        `no ${ref.provider} API key is configured for ${ref.model} (platform or tenant)`,
      );
    }
    const circuit = circuitKey(ref.provider, credentials);
    let client = this.clients.get(circuit);
    if (!client) {
      client = new ADAPTERS[ref.provider]({
        apiKey: credentials.apiKey,
        baseUrl: credentials.baseUrl,
        timeoutMs: this.timeoutMs,
        circuit,
        ...(credentials.source === 'tenant' ? { fetch: this.egressFetch } : {}),
      });
      this.clients.set(circuit, client);
    }
    return client;
  }
}
