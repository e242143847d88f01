import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { ContextTooLongError } from '@copilot/llm';
import {
  ConversationRepository,
  CopilotRepository,
  createPrismaClient,
  inTenantTransaction,
  MessageRepository,
  TenantRepository,
} from '@copilot/persistence';
import { GenerationPlanner, REPLY_ESTIMATE_TOKENS } from './generation-planner';

describe(GenerationPlanner.name, () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const conversations = new ConversationRepository();
  const copilots = new CopilotRepository();
  const messages = new MessageRepository();
  const planner = new GenerationPlanner(conversations, copilots, messages, {
    maxHistoryMessages: 3,
    defaultModel: 'local',
    toolOutputMaxBytes: 16_384,
    agentDeadlineMs: 600_000,
    pendingActionTtlMs: 86_400_000,
  });
  let tenantId: string;

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `plan-${Date.now()}`, name: 'Plan' })).id;
    await admin.$disconnect();
  });
  afterAll(() => app.$disconnect());

  const run = <T>(work: Parameters<typeof inTenantTransaction<T>>[2]) => inTenantTransaction(app, tenantId, work);

  it("uses the copilot's instructions, model, fallbacks and limits, with the newest history", async () => {
    const plan = await run(async (tx) => {
      const copilot = await copilots.create(tx, tenantId, {
        name: 'support',
        instructions: 'Be kind.',
        model: 'anthropic/claude-x',
        temperature: 0.3,
        maxTokens: 300,
        fallbackModels: ['openai/gpt-4o-mini'],
      });
      const conversation = await conversations.create(tx, { tenantId, copilotId: copilot.id });
      for (const content of ['one', 'two', 'three', 'four']) {
        await messages.create(tx, { tenantId, conversationId: conversation.id, role: 'user', content });
      }
      return planner.plan(tx, conversation.id, 'five');
    });
    expect(plan.chain).toEqual([
      { provider: 'anthropic', model: 'claude-x' },
      { provider: 'openai', model: 'gpt-4o-mini' },
    ]);
    expect(plan).toMatchObject({ system: 'Be kind.', temperature: 0.3, maxTokens: 300 });
    expect(plan.context.messages.map((m) => m.content)).toEqual(['three', 'four', 'five']);
    expect(plan.estimatedTokens).toBe(plan.context.inputTokens + 300);
  });

  it("carries a conversation's seed, penalties and end user into the plan", async () => {
    const sampling = { seed: 7, frequencyPenalty: 0.5, presencePenalty: -1, user: 'end-user-1' };
    const plan = await run(async (tx) => {
      const conversation = await conversations.create(tx, {
        tenantId,
        generation: { model: 'openai/o3-mini', ...sampling },
      });
      return planner.plan(tx, conversation.id, 'hi');
    });
    expect(plan).toMatchObject(sampling);
    expect(plan.chain).toEqual([{ provider: 'openai', model: 'o3-mini' }]);
  });

  it('falls back to the default model without a copilot, and rejects a message too long for it', async () => {
    const conversation = await run((tx) => conversations.create(tx, { tenantId }));
    const plan = await run((tx) => planner.plan(tx, conversation.id, 'hi'));
    expect(plan.chain).toEqual([{ provider: 'local', model: 'local' }]);
    // No limit set anywhere: none is sent, and the budget reserves an estimate of the reply.
    expect(plan).not.toHaveProperty('maxTokens');
    expect(plan.estimatedTokens).toBe(plan.context.inputTokens + REPLY_ESTIMATE_TOKENS);
    await expect(run((tx) => planner.plan(tx, conversation.id, 'word '.repeat(20_000)))).rejects.toThrow(
      ContextTooLongError,
    );
  });
});
