import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { UsageRollup } from '@copilot/maintenance';
import { createPrismaClient, type PrismaClient } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

const HOUR_MS = 3600_000;

describe('GET /v1/usage with daily rollups', () => {
  let app: NestFastifyApplication;
  let db: PrismaClient;
  let tenantId: string;
  let key: string;

  beforeAll(async () => {
    db = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
    const tenant = await createTenantWithKeys('rollup', { reader: { scopes: ['chat:read'] } });
    tenantId = tenant.tenantId;
    key = tenant.keys.reader!;
    ({ app } = await startApi());
  });
  afterAll(async () => {
    await app.close();
    await db.$disconnect();
  });

  const record = (hoursAgo: number, model: string, input: number, output: number) =>
    db.usageRecord.create({
      data: {
        tenantId,
        provider: 'openai',
        model,
        inputTokens: input,
        outputTokens: output,
        latencyMs: 10,
        outcome: 'succeeded',
        createdAt: new Date(Date.now() - hoursAgo * HOUR_MS),
      },
    });
  // From a time that is not midnight, so both edges come from raw records.
  const from = new Date(Date.now() - 100 * HOUR_MS).toISOString();
  const usage = async (groupBy: 'day' | 'model') => {
    const response = await app.inject({
      method: 'GET',
      url: `/v1/usage?groupBy=${groupBy}&from=${from}`,
      headers: { 'x-api-key': key },
    });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  };

  it('answers the same numbers before and after a rollup, and reads finished days from the rollup', async () => {
    for (const hoursAgo of [99, 80, 60, 49, 30, 1]) await record(hoursAgo, 'gpt-a', 10, 20);
    await record(72, 'gpt-b', 5, 7);
    await record(2, 'gpt-b', 3, 4);
    const before = { day: await usage('day'), model: await usage('model') };
    expect(before.model).toEqual([
      { model: 'openai/gpt-a', requests: 6, inputTokens: 60, outputTokens: 120 },
      { model: 'openai/gpt-b', requests: 2, inputTokens: 8, outputTokens: 11 },
    ]);

    await app.get(UsageRollup).rollUpOnce();
    await app.get(UsageRollup).rollUpOnce();

    expect({ day: await usage('day'), model: await usage('model') }).toEqual(before);
    const rolled = await db.usageDaily.aggregate({ where: { tenantId }, _sum: { requests: true } });
    expect(rolled._sum.requests).toBe(8);

    // A whole past day inside the range is answered from usage_daily, not recounted.
    const sixtyHoursAgo = new Date(Date.now() - 60 * HOUR_MS);
    const day = sixtyHoursAgo.toISOString().slice(0, 10);
    await db.$executeRaw`UPDATE usage_daily SET requests = requests + 100
      WHERE tenant_id = ${tenantId}::uuid AND day = ${day}::date AND model = 'gpt-a'`;
    const tampered = (await usage('day')).find((row: { day: string }) => row.day === day);
    const original = before.day.find((row: { day: string }) => row.day === day);
    expect(tampered.requests).toBe(original.requests + 100);
    await db.$executeRaw`UPDATE usage_daily SET requests = requests - 100
      WHERE tenant_id = ${tenantId}::uuid AND day = ${day}::date AND model = 'gpt-a'`;

    // Today is still read from the records, so a new call counts at once.
    await record(0, 'gpt-b', 1, 1);
    expect((await usage('model'))[1]).toMatchObject({ requests: 3, inputTokens: 9 });
  });
});
