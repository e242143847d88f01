import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type EncryptionSettings, SecretBox } from './secret-box';
import { SECRET_BOX, TenantSecrets } from './tenant-secrets.service';

/** Tenant secrets sealed under ENCRYPTION_KEY, for any module of the app. */
@Global()
@Module({})
export class SecretsModule {
  static forRoot(encryption: EncryptionSettings): DynamicModule {
    return {
      module: SecretsModule,
      providers: [{ provide: SECRET_BOX, useValue: new SecretBox(encryption) }, TenantSecrets],
      exports: [SECRET_BOX, TenantSecrets],
    };
  }
}
