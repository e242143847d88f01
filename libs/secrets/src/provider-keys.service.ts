import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@copilot/errors';
import { TenantSecretRepository, TenantTransactions, type Tx } from '@copilot/persistence';
import { TenantSecrets } from './tenant-secrets.service';

export const PLATFORM_PROVIDERS = Symbol('PLATFORM_PROVIDERS');
/** The vendors a key can be stored for (the model catalog's providers, less `local`, which needs none). */
export type KeyedProvider = 'openai' | 'anthropic' | 'gemini';
/** The platform's own keys and endpoints per vendor (settings), used when a tenant brings none. */
export type PlatformProviders = Record<KeyedProvider, { apiKey?: string; baseUrl?: string }>;

/** A key to call a vendor with, and whose it is (the circuit breaker keeps the two apart). */
export type ResolvedProviderKey = StoredProviderKey & { source: 'tenant' | 'platform' };

export interface StoredProviderKey {
  apiKey: string;
  baseUrl?: string;
  /**
   * The vendor's model names (no provider prefix) this key is for; absent: every model.
   * Any other model is called with the platform's key, or fails over to the next in the chain.
   */
  models?: string[];
}

const secretName = (provider: string) => `provider:${provider}`;

/**
 * Provider keys: a tenant's own (sealed at rest in tenant_secrets) wins over the
 * platform's. Keys never leave this service except to the SDK that uses them.
 */
@Injectable()
export class ProviderKeys {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly secrets: TenantSecrets,
    private readonly rows: TenantSecretRepository,
    @Inject(PLATFORM_PROVIDERS) private readonly platform: PlatformProviders,
  ) {}

  put(tx: Tx, tenantId: string, provider: KeyedProvider, key: StoredProviderKey): Promise<void> {
    return this.secrets.put(tx, tenantId, secretName(provider), JSON.stringify(key));
  }

  async remove(tx: Tx, tenantId: string, provider: string): Promise<void> {
    if (!(await this.rows.delete(tx, tenantId, secretName(provider)))) {
      throw new NotFound('provider key', provider, `No ${provider} key is stored for this tenant.`);
    }
  }

  /** Which providers have a tenant key, since when and for which models (never the key). */
  async list(tx: Tx, tenantId: string): Promise<{ provider: string; updatedAt: Date; models: string[] | null }[]> {
    const stored = await this.rows.listNames(tx, 'provider:');
    const listed = [];
    for (const row of stored) {
      const sealed = await this.secrets.get(tx, tenantId, row.name);
      const models = sealed ? ((JSON.parse(sealed) as StoredProviderKey).models ?? null) : null;
      listed.push({ provider: row.name.slice('provider:'.length), updatedAt: row.updatedAt, models });
    }
    return listed;
  }

  /**
   * The key and endpoint to call `provider` with for this tenant, or null if none is
   * configured. Pass the caller's tenant transaction to read it there: a worker
   * starting a job saves a transaction of its own (three round trips) per job.
   * With `model`, a tenant key scoped to other models is passed over for the platform's;
   * without one (is any key usable?), a scoped key counts.
   */
  async resolve(
    tenantId: string,
    provider: KeyedProvider,
    tx?: Tx,
    model?: string,
  ): Promise<ResolvedProviderKey | null> {
    const read = (t: Tx) => this.secrets.get(t, tenantId, secretName(provider));
    const sealed = tx ? await read(tx) : await this.transactions.run(tenantId, read);
    const own = sealed ? (JSON.parse(sealed) as StoredProviderKey) : null;
    if (own && (model === undefined || !own.models || own.models.includes(model))) {
      return { apiKey: own.apiKey, ...(own.baseUrl ? { baseUrl: own.baseUrl } : {}), source: 'tenant' };
    }
    const platform = this.platform[provider];
    return platform.apiKey ? { apiKey: platform.apiKey, baseUrl: platform.baseUrl, source: 'platform' } : null;
  }
}
