import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PLATFORM_PROVIDERS, type PlatformProviders, ProviderKeys } from './provider-keys.service';
import { type EncryptionSettings, SecretBox } from './secret-box';
import { SECRET_BOX, TenantSecrets } from './tenant-secrets.service';

/**
 * Tenant secrets sealed under ENCRYPTION_KEY, for any module of the app, and the
 * provider keys (a tenant's own, else the platform's from `platformProviders`).
 */
@Global()
@Module({})
export class SecretsModule {
  static forRoot(encryption: EncryptionSettings, platformProviders: PlatformProviders): DynamicModule {
    return {
      module: SecretsModule,
      providers: [
        { provide: SECRET_BOX, useValue: new SecretBox(encryption) },
        { provide: PLATFORM_PROVIDERS, useValue: platformProviders },
        TenantSecrets,
        ProviderKeys,
      ],
      exports: [SECRET_BOX, TenantSecrets, ProviderKeys],
    };
  }
}
