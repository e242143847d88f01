import { applyMigrations, TenantSecretRepository } from '@copilot/persistence';
import { type EncryptionSettings, SecretBox, TenantSecrets } from '@copilot/secrets';
import { OwnerSession } from './owner-session';

/** migrate, secrets:reencrypt. */
export class DatabaseAdmin extends OwnerSession {
  migrate(log: (line: string) => void) {
    return applyMigrations(this.adminUrl, { log });
  }

  /** Re-seals every tenant secret under the current ENCRYPTION_KEY (after a key rotation). */
  reencryptSecrets(encryption: EncryptionSettings) {
    const secrets = new TenantSecrets(new SecretBox(encryption), new TenantSecretRepository());
    return this.withClient(async (admin) => ({
      keyVersion: encryption.current.version,
      ...(await secrets.reencryptAll(admin)),
    }));
  }
}
