import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_PROVIDERS, type PlatformProviders, ProviderKeys } from './credentials/provider-keys.service';
import { ProviderRegistry } from './provider-registry';

/** Provider keys (tenant's own, else the platform's) and the provider registry. Needs SecretsModule. */
@Global()
@Module({})
export class LlmModule {
  static forRoot(platform: PlatformProviders): DynamicModule {
    const services = [ProviderKeys, ProviderRegistry];
    return {
      module: LlmModule,
      providers: [{ provide: PLATFORM_PROVIDERS, useValue: platform }, ...services],
      exports: services,
    };
  }
}
