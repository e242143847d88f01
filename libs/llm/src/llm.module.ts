import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { PROVIDER_KEY_SOURCE, type ProviderKeySource } from './provider-key-source';
import { PROVIDER_TIMEOUT_MS, ProviderRegistry } from './provider-registry';
import {
  CIRCUIT_BREAKER,
  circuitBreakerProviders,
  type CircuitBreakerSettings,
} from './resilience/circuit-breaker.providers';
import { ProviderAvailability } from './resilience/provider-availability';

/**
 * The provider registry and the circuit breakers shared through Redis. Keys come from
 * `keys` (the tenant key store, bound by the composition, so the adapters know
 * nothing of how keys are kept). Needs EgressModule.
 */
@Global()
@Module({})
export class LlmModule {
  static forRoot(options: {
    /** A provider in scope (exported by a global module) that answers which key to call a vendor with. */
    keys: Type<ProviderKeySource>;
    timeoutMs: number;
    breaker: CircuitBreakerSettings;
  }): DynamicModule {
    const services = [ProviderRegistry, ProviderAvailability];
    return {
      module: LlmModule,
      providers: [
        { provide: PROVIDER_KEY_SOURCE, useExisting: options.keys },
        { provide: PROVIDER_TIMEOUT_MS, useValue: options.timeoutMs },
        ...circuitBreakerProviders(options.breaker),
        ...services,
      ],
      exports: [...services, CIRCUIT_BREAKER],
    };
  }
}
