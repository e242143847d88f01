import { Inject, Injectable } from '@nestjs/common';
import { InvalidInput, Conflict } from '@copilot/errors';
import { EGRESS_FETCH, type FetchFunction } from '@copilot/egress';
import { ProviderKeys } from '@copilot/secrets';
import type { Embedder } from '../retrieval-types';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from '../knowledge/knowledge-options';
import { LocalEmbedder } from './local-embedder';
import { OpenAiEmbedder } from './openai-embedder';

/**
 * The embedder of a collection's model: `local`, or `openai/<model>` with the tenant's
 * (else the platform's) key.
 */
@Injectable()
export class EmbedderRegistry {
  private readonly local = new LocalEmbedder();

  constructor(
    private readonly keys: ProviderKeys,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
    @Inject(EGRESS_FETCH) private readonly egressFetch: FetchFunction,
  ) {}

  dimensionsOf(model: string): number {
    if (model === 'local') return this.local.dimensions;
    if (/^openai\/\S+$/.test(model)) return this.settings.openAiEmbeddingDimensions;
    throw new InvalidInput([{ field: 'body.embeddingModel', message: 'expected local or openai/<model>' }]);
  }

  /**
   * Refuses, when a collection is given `model`, a model this tenant cannot embed with: an
   * OpenAI model with neither the tenant's key, the platform's, nor EMBEDDING_ENDPOINT. Found
   * then, not at the first search or ingest of the collection (a 500 there).
   */
  async assertUsable(tenantId: string, model: string): Promise<void> {
    if (model === 'local' || this.settings.embeddingEndpoint) return;
    if (await this.keys.resolve(tenantId, 'openai', undefined, model.slice('openai/'.length))) return;
    throw new InvalidInput([
      {
        field: 'body.embeddingModel',
        message: `no OpenAI key is configured for ${model}: store one with PUT /v1/provider-keys/openai, or use local`,
      },
    ]);
  }

  async for(tenantId: string, model: string, dimensions: number): Promise<Embedder> {
    if (model === 'local') return this.local;
    // A tenant key scoped to other models is not this model's key (PUT /v1/provider-keys models).
    const credentials = await this.keys.resolve(tenantId, 'openai', undefined, model.slice('openai/'.length));
    // The key was removed after the collection was set up (assertUsable checked it then).
    if (!credentials && !this.settings.embeddingEndpoint) {
      throw new Conflict(
        'embedding-model-unavailable',
        'The embedding model has no key',
        `No OpenAI key is configured for ${model}; store one with PUT /v1/provider-keys/openai.`,
      );
    }
    // The operator's EMBEDDING_ENDPOINT is trusted; a tenant's own base URL goes through the egress policy.
    const tenantAimed = !this.settings.embeddingEndpoint && credentials?.source === 'tenant';
    return new OpenAiEmbedder({
      apiKey: credentials?.apiKey ?? 'none',
      baseUrl: this.settings.embeddingEndpoint ?? credentials?.baseUrl,
      ...(tenantAimed ? { fetch: this.egressFetch } : {}),
      model: model.slice('openai/'.length),
      dimensions,
      timeoutMs: this.settings.timeoutMs,
      maxRetries: this.settings.maxRetries,
    });
  }
}
