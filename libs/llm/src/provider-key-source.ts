import type { Tx } from '@copilot/persistence';
import type { ProviderName } from './context/model-catalog';

/** Where the registry gets the key to call a vendor with; the composition binds the tenant key store to it. */
export const PROVIDER_KEY_SOURCE = Symbol('PROVIDER_KEY_SOURCE');

export interface ProviderKey {
  apiKey: string;
  baseUrl?: string;
  /** A tenant's own key is called through the egress policy and gets a circuit of its own. */
  source: 'tenant' | 'platform';
}

export interface ProviderKeySource {
  /** The key for `provider` (and `model`, when a key is scoped to some models), or null when none is configured. */
  resolve(
    tenantId: string,
    provider: Exclude<ProviderName, 'local'>,
    tx?: Tx,
    model?: string,
  ): Promise<ProviderKey | null>;
}
