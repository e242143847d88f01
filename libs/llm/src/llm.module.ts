import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_PROVIDERS, type PlatformProviders, ProviderKeys } from './credentials/provider-keys.service';
import { PROVIDER_TIMEOUT_MS, ProviderRegistry } from './provider-registry';

/** Provider keys (tenant's own, else the platform's) and the provider registry. Needs SecretsModule. */
@Global()
@Module({})
export class LlmModule {
  static forRoot(options: { providers: PlatformProviders; timeoutMs: number }): DynamicModule {
    const services = [ProviderKeys, ProviderRegistry];
    return {
      module: LlmModule,
      providers: [
        { provide: PLATFORM_PROVIDERS, useValue: options.providers },
        { provide: PROVIDER_TIMEOUT_MS, useValue: options.timeoutMs },
        ...services,
      ],
      exports: services,
    };
  }
}
