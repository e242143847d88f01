import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_PROVIDERS, type PlatformProviders, ProviderKeys } from './credentials/provider-keys.service';
import { PROVIDER_TIMEOUT_MS, ProviderRegistry } from './provider-registry';
import {
  CIRCUIT_BREAKER,
  circuitBreakerProviders,
  type CircuitBreakerSettings,
} from './resilience/circuit-breaker.providers';
import { ProviderAvailability } from './resilience/provider-availability';

/**
 * Provider keys (tenant's own, else the platform's), the provider registry and the
 * circuit breakers shared through Redis. Needs SecretsModule and EgressModule.
 */
@Global()
@Module({})
export class LlmModule {
  static forRoot(options: {
    providers: PlatformProviders;
    timeoutMs: number;
    breaker: CircuitBreakerSettings;
  }): DynamicModule {
    const services = [ProviderKeys, ProviderRegistry, ProviderAvailability];
    return {
      module: LlmModule,
      providers: [
        { provide: PLATFORM_PROVIDERS, useValue: options.providers },
        { provide: PROVIDER_TIMEOUT_MS, useValue: options.timeoutMs },
        ...circuitBreakerProviders(options.breaker),
        ...services,
      ],
      exports: [...services, CIRCUIT_BREAKER],
    };
  }
}
