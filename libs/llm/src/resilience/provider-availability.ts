import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@copilot/persistence';
import type { ModelRef, ProviderName } from '../context/model-catalog';
import { LlmError } from '../llm-error';
import { ProviderRegistry } from '../provider-registry';
import type { Breaker } from './breaker';
import { CIRCUIT_BREAKER } from './circuit-breaker.providers';

/**
 * Whether a generation could start now: the api asks before it accepts a message,
 * so a request whose every provider is behind an open circuit is answered 503 with
 * Retry-After instead of becoming a job that fails.
 */
@Injectable()
export class ProviderAvailability {
  constructor(
    private readonly registry: ProviderRegistry,
    @Inject(CIRCUIT_BREAKER) private readonly breaker: Breaker,
  ) {}

  /**
   * Milliseconds until some entry of `chain` may be called again; 0 when one may be
   * called now. Entries without a key do not count (they fail as they are tried).
   */
  async waitFor(tenantId: string, chain: readonly (ModelRef & { provider: ProviderName })[], tx?: Tx): Promise<number> {
    let soonest = Number.POSITIVE_INFINITY;
    for (const ref of chain) {
      if (ref.provider === 'local') return 0;
      let circuit: string;
      try {
        const provider = await this.registry.forTenant(tenantId, ref, tx);
        circuit = provider.circuit ?? provider.name;
      } catch (error) {
        if (error instanceof LlmError) continue;
        throw error;
      }
      const wait = await this.breaker.openFor(circuit);
      if (wait <= 0) return 0;
      soonest = Math.min(soonest, wait);
    }
    return Number.isFinite(soonest) ? soonest : 0;
  }
}
