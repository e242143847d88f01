import { randomBytes } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import {
  createPrismaClient,
  inTenantTransaction,
  TenantRepository,
  TenantSecretRepository,
} from '@copilot/persistence';
import { SecretBox } from './secret-box';
import { TenantSecrets } from './tenant-secrets.service';

describe(TenantSecrets.name, () => {
  const settings = loadSettings('cli', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const oldKey = { version: 1, key: randomBytes(32) };
  const newKey = { version: 2, key: randomBytes(32) };
  let tenantId: string;

  beforeAll(async () => {
    tenantId = (await new TenantRepository().create(admin, { slug: `secrets-${Date.now()}`, name: 'S' })).id;
  });
  afterAll(async () => {
    await app.$disconnect();
    await admin.$disconnect();
  });

  it('stores only ciphertext, and re-encrypts everything under a rotated key', async () => {
    const before = new TenantSecrets(new SecretBox({ current: oldKey, previous: [] }), new TenantSecretRepository());
    await inTenantTransaction(app, tenantId, async (tx) => {
      await before.put(tx, tenantId, 'openai', 'sk-first');
      await before.put(tx, tenantId, 'webhook', 'whsec-second');
    });
    const raw = await admin.$queryRaw<{ ciphertext: string; key_version: number }[]>`
      SELECT ciphertext, key_version FROM tenant_secrets WHERE tenant_id = ${tenantId}::uuid`;
    expect(raw).toHaveLength(2);
    expect(raw.every((r) => r.key_version === 1 && !r.ciphertext.includes('sk-first'))).toBe(true);

    const after = new TenantSecrets(
      new SecretBox({ current: newKey, previous: [oldKey] }),
      new TenantSecretRepository(),
    );
    expect(await after.reencryptAll(admin)).toEqual({ reencrypted: 2 });
    expect(await after.reencryptAll(admin)).toEqual({ reencrypted: 0 });

    // Only the new key is needed from now on.
    const onlyNew = new TenantSecrets(new SecretBox({ current: newKey, previous: [] }), new TenantSecretRepository());
    expect(await inTenantTransaction(app, tenantId, (tx) => onlyNew.get(tx, tenantId, 'openai'))).toBe('sk-first');
    expect(await inTenantTransaction(app, tenantId, (tx) => onlyNew.get(tx, tenantId, 'webhook'))).toBe('whsec-second');
  });
});
