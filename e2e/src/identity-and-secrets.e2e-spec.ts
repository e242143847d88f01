import { randomBytes } from 'node:crypto';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient, TenantSecretRepository } from '@copilot/persistence';
import { SecretBox, secretContext, TenantSecrets } from '@copilot/secrets';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';

// Identity as an operator and a developer meet it: tokens minted with the CLI, secrets
// that never reach the logs, and tenant secrets re-encrypted after a key rotation.
describe('identity and secrets', () => {
  const jwtSecret = `e2e-jwt-${randomBytes(24).toString('hex')}`;
  const oldKey = randomBytes(32).toString('base64');
  let env: NodeJS.ProcessEnv;
  let api: AppProcess;
  let base: string;
  let tenantId: string;
  let apiKey: string;

  beforeAll(async () => {
    const port = await freePort();
    env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      ENCRYPTION_KEY: oldKey,
      ENCRYPTION_KEY_VERSION: '1',
    };
    base = `http://127.0.0.1:${port}`;
    tenantId = String((await cli(env, 'tenant:create', 'initech')).id);
    apiKey = String((await cli(env, 'key:create', '--tenant', 'initech', '--scopes', 'admin')).key);
    api = new AppProcess('api', 'apps/api/src/main.ts', env);
    await waitFor(`${base}/ready`);
  }, 60_000);
  afterAll(() => api.stop());

  it('mints a development token with the CLI that the api accepts for its tenant', async () => {
    const minted = await cli(
      env,
      'token:mint',
      '--tenant',
      'initech',
      '--scopes',
      'chat:read,chat:write',
      '--ttl',
      '600',
    );
    expect(minted).toMatchObject({
      tenantId,
      scopes: ['chat:read', 'chat:write'],
      token: expect.stringMatching(/^eyJ/),
    });
    const headers = { authorization: `Bearer ${String(minted.token)}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/v1/conversations`, { method: 'POST', headers, body: '{"title":"via jwt"}' });
    expect(created.status).toBe(201);
    const keys = await fetch(`${base}/v1/api-keys`, { headers });
    expect(keys.status).toBe(403);

    const tampered = `${String(minted.token).slice(0, -4)}AAAA`;
    expect((await fetch(`${base}/v1/conversations`, { headers: { authorization: `Bearer ${tampered}` } })).status).toBe(
      401,
    );
  });

  it("shows the operator's CLI actions in the tenant's audit trail", async () => {
    const events = (await (await fetch(`${base}/v1/audit-events`, { headers: { 'x-api-key': apiKey } })).json()) as {
      data: { action: string; actor: { type: string } }[];
    };
    expect(events.data.map((e) => [e.action, e.actor.type])).toEqual(
      expect.arrayContaining([
        ['tenant.created', 'cli'],
        ['api_key.created', 'cli'],
      ]),
    );
  });

  it('keeps keys, tokens and configured secrets out of the logs, even when a request carries them', async () => {
    const minted = String((await cli(env, 'token:mint', '--tenant', tenantId, '--scopes', 'chat:read')).token);
    await fetch(`${base}/v1/conversations`, { headers: { authorization: `Bearer ${minted}`, cookie: `s=${minted}` } });
    // A careless client puts secrets in the URL itself: the request line is logged, the secrets are not.
    await fetch(`${base}/v1/conversations?leak=${jwtSecret}&key=${apiKey}`, { headers: { 'x-api-key': apiKey } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = api.lines.join('\n');
    expect(text).toContain('[redacted]');
    for (const secret of [jwtSecret, oldKey, apiKey, minted]) expect(text).not.toContain(secret);
  });

  it('re-encrypts tenant secrets under a rotated ENCRYPTION_KEY with the CLI', async () => {
    const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const, { env });
    const admin = createPrismaClient(adminDatabase);
    const current = { version: 1, key: Buffer.from(oldKey, 'base64') };
    try {
      await new TenantSecrets(new SecretBox({ current, previous: [] }), new TenantSecretRepository()).put(
        admin,
        tenantId,
        'openai',
        'sk-e2e-provider-key',
      );
      const newKey = randomBytes(32).toString('base64');
      const rotated = {
        ...env,
        ENCRYPTION_KEY: newKey,
        ENCRYPTION_KEY_VERSION: '2',
        ENCRYPTION_PREVIOUS_KEYS: `1:${oldKey}`,
      };
      expect(await cli(rotated, 'secrets:reencrypt')).toEqual({ keyVersion: 2, reencrypted: 1 });
      expect(await cli(rotated, 'secrets:reencrypt')).toEqual({ keyVersion: 2, reencrypted: 0 });

      const row = await new TenantSecretRepository().findNotSealedWith(admin, 1, 10);
      expect(row.find((r) => r.tenantId === tenantId)).toMatchObject({ keyVersion: 2 });
      const onlyNew = new SecretBox({ current: { version: 2, key: Buffer.from(newKey, 'base64') }, previous: [] });
      expect(
        onlyNew.open(row.find((r) => r.tenantId === tenantId)!.ciphertext, secretContext(tenantId, 'openai')),
      ).toBe('sk-e2e-provider-key');
    } finally {
      await admin.$disconnect();
    }
  });
});
