import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { ConversationRepository } from '../repositories/conversation.repository';
import { MessageRepository } from '../repositories/message.repository';
import { TenantRepository } from '../repositories/tenant.repository';
import { createPrismaClient } from './prisma.service';
import { inTenantTransaction } from './tenant-transaction';

describe('keyset pagination', () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const conversations = new ConversationRepository();
  const messages = new MessageRepository();
  let tenantId: string;

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `pages-${Date.now()}`, name: 'Pages' })).id;
    await admin.$disconnect();
  });
  afterAll(() => app.$disconnect());

  const run = <T>(work: Parameters<typeof inTenantTransaction<T>>[2]) => inTenantTransaction(app, tenantId, work);

  it('walks every row exactly once, even when all share one timestamp', async () => {
    // Created in one transaction, so they share created_at (now()): ids break the ties.
    const created = await run(async (tx) => {
      const rows = [];
      for (let i = 0; i < 7; i++) rows.push(await conversations.create(tx, { tenantId, title: `c${i}` }));
      return rows;
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await run((tx) => conversations.list(tx, { limit: 3, cursor }));
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual(created.map((c) => c.id).sort());
  });

  it('pages messages oldest first', async () => {
    const conversation = await run((tx) => conversations.create(tx, { tenantId }));
    for (const content of ['one', 'two', 'three', 'four']) {
      await run((tx) => messages.create(tx, { tenantId, conversationId: conversation.id, role: 'user', content }));
    }
    const first = await run((tx) => messages.listByConversation(tx, conversation.id, { limit: 3 }));
    const second = await run((tx) =>
      messages.listByConversation(tx, conversation.id, { limit: 3, cursor: first.nextCursor ?? undefined }),
    );
    expect([...first.data, ...second.data].map((m) => m.content)).toEqual(['one', 'two', 'three', 'four']);
    expect(second.nextCursor).toBeNull();
  });
});
