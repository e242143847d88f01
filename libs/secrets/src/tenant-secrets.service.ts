import { Inject, Injectable } from '@nestjs/common';
import { type PrismaClient, TenantSecretRepository, type Tx } from '@copilot/persistence';
import { SecretBox } from './secret-box';

export const SECRET_BOX = Symbol('SECRET_BOX');

/** Where a secret is bound: a ciphertext only opens for the tenant and name it was sealed for. */
export const secretContext = (tenantId: string, name: string) => `tenant:${tenantId}/secret:${name}`;

/** Tenant secrets (provider keys, webhook secrets): sealed before they reach the database. */
@Injectable()
export class TenantSecrets {
  constructor(
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    private readonly secrets: TenantSecretRepository,
  ) {}

  async put(tx: Tx | PrismaClient, tenantId: string, name: string, value: string): Promise<void> {
    const ciphertext = this.box.seal(value, secretContext(tenantId, name));
    await this.secrets.upsert(tx, { tenantId, name, ciphertext, keyVersion: this.box.currentVersion });
  }

  async get(tx: Tx, tenantId: string, name: string): Promise<string | null> {
    const row = await this.secrets.find(tx, tenantId, name);
    return row ? this.box.open(row.ciphertext, secretContext(tenantId, name)) : null;
  }

  /**
   * Re-seals every secret not yet under the current key (after ENCRYPTION_KEY was
   * rotated and the old key moved to ENCRYPTION_PREVIOUS_KEYS). Runs as the owner,
   * across tenants, in batches; safe to run again or concurrently.
   */
  async reencryptAll(admin: PrismaClient, batchSize = 100): Promise<{ reencrypted: number }> {
    let reencrypted = 0;
    for (;;) {
      const batch = await this.secrets.findNotSealedWith(admin, this.box.currentVersion, batchSize);
      if (batch.length === 0) return { reencrypted };
      for (const row of batch) {
        const ciphertext = this.box.reseal(row.ciphertext, secretContext(row.tenantId, row.name));
        if (await this.secrets.replaceCiphertext(admin, row, { ciphertext, keyVersion: this.box.currentVersion })) {
          reencrypted++;
        }
      }
    }
  }
}
