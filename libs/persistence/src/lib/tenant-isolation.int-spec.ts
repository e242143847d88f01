import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient } from './prisma.service';
import { inTenantTransaction } from './tenant-transaction';
import { ConversationRepository } from '../repositories/conversation.repository';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { TenantRepository } from '../repositories/tenant.repository';

describe('row level security', () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const conversations = new ConversationRepository();
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    const tenants = new TenantRepository();
    acme = (await tenants.create(admin, { slug: `acme-${Date.now()}`, name: 'Acme' })).id;
    globex = (await tenants.create(admin, { slug: `globex-${Date.now()}`, name: 'Globex' })).id;
  });
  afterAll(async () => {
    await app.$disconnect();
    await admin.$disconnect();
  });

  it('shows a tenant only its own rows', async () => {
    const mine = await inTenantTransaction(app, acme, (tx) => conversations.create(tx, { tenantId: acme, title: 'a' }));
    const seenByOther = await inTenantTransaction(app, globex, (tx) => conversations.findById(tx, mine.id));
    const seenByOwner = await inTenantTransaction(app, acme, (tx) => conversations.findById(tx, mine.id));
    expect(seenByOther).toBeNull();
    expect(seenByOwner?.title).toBe('a');
  });

  it('shows nothing to a query without a tenant', async () => {
    await inTenantTransaction(app, acme, (tx) => conversations.create(tx, { tenantId: acme }));
    expect(await app.conversation.count()).toBe(0);
  });

  it('refuses a write without a tenant', async () => {
    await expect(app.conversation.create({ data: { tenantId: acme } })).rejects.toThrow(/row-level security/);
  });

  it('has RLS enabled and forced on every table with a tenant_id, and the app role owns none', async () => {
    const tables = await admin.$queryRaw<{ table: string; enabled: boolean; forced: boolean; owner: string }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             pg_get_userbyid(c.relowner) AS owner
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM information_schema.columns col
             WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id'))`;
    expect(tables.map((t) => t.table).sort()).toEqual(
      expect.arrayContaining([
        'api_keys',
        'audit_events',
        'conversations',
        'jobs',
        'messages',
        'tenant_secrets',
        'tenants',
      ]),
    );
    expect(tables.filter((t) => !t.enabled || !t.forced).map((t) => t.table)).toEqual([]);
    expect(tables.filter((t) => t.owner === 'copilot_app')).toEqual([]);
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      inTenantTransaction(app, acme, (tx) => conversations.create(tx, { tenantId: globex })),
    ).rejects.toThrow(/row-level security/);
  });

  it('connects the apps as a role that owns nothing and cannot bypass RLS', async () => {
    const [role] = await app.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; owns: bigint }[]>`
      SELECT r.rolsuper, r.rolbypassrls,
             (SELECT count(*) FROM pg_tables t WHERE t.tableowner = current_user) AS owns
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: 0n });
  });

  it('finds an active api key by hash before the tenant is known, and not once revoked', async () => {
    const keys = new ApiKeyRepository();
    const keyHash = `hash-${Date.now()}`;
    const key = await inTenantTransaction(app, acme, (tx) =>
      keys.create(tx, { tenantId: acme, name: 'k', prefix: 'cp_x', keyHash, scopes: ['chat:read'] }),
    );
    expect(key).not.toHaveProperty('keyHash');
    expect(await keys.findActiveByHash(app, keyHash)).toEqual({
      id: key.id,
      tenantId: acme,
      scopes: ['chat:read'],
      rateLimit: null,
    });
    await inTenantTransaction(app, acme, (tx) => keys.revoke(tx, key.id));
    expect(await keys.findActiveByHash(app, keyHash)).toBeNull();
  });
});
