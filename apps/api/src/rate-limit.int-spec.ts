import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type ApiSettings } from './api.settings';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

const limits = (s: ApiSettings): ApiSettings => ({
  ...s,
  edge: {
    ...s.edge,
    rateLimit: { requests: 3, windowMs: 3_000, tenantRequests: 8, authFailures: 4, authFailuresPerAddress: 12 },
    trustProxy: true,
  },
});

describe('rate limits', () => {
  let replicas: NestFastifyApplication[];

  beforeAll(async () => {
    // Two api instances sharing one Redis, as two replicas would.
    replicas = [(await startApi(limits)).app, (await startApi(limits)).app];
  });
  afterAll(() => Promise.all(replicas.map((app) => app.close())));

  const get = (i: number, key: string) =>
    replicas[i % 2]!.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': key } });

  it('allows a key its budget across replicas, then answers 429 with Retry-After', async () => {
    const { keys } = await createTenantWithKeys('rl-key', { only: { scopes: ['chat:read'] } });
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await get(i, keys.only!));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(responses[0]!.headers['ratelimit-limit']).toBe('3');
    expect(responses[0]!.headers['ratelimit-remaining']).toBe('2');
    expect(Number(responses[0]!.headers['ratelimit-reset'])).toBeGreaterThan(0);
    const limited = responses[3]!;
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
  });

  it("honours a key's own limit", async () => {
    const { keys } = await createTenantWithKeys('rl-own', { generous: { scopes: ['chat:read'], rateLimit: 5 } });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await get(i, keys.generous!)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('caps a tenant as a whole, whatever its number of keys', async () => {
    const { keys } = await createTenantWithKeys('rl-tenant', {
      k1: { scopes: ['chat:read'] },
      k2: { scopes: ['chat:read'] },
      k3: { scopes: ['chat:read'] },
    });
    const codes = [];
    for (const key of [keys.k1!, keys.k2!, keys.k3!])
      for (let i = 0; i < 3; i++) codes.push((await get(i, key)).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(8);
    expect(codes.at(-1)).toBe(429);
  });

  const from = (address: string, key: string, i = 0) =>
    replicas[i % 2]!.inject({
      method: 'GET',
      url: '/v1/conversations',
      headers: { 'x-api-key': key, 'x-forwarded-for': address },
    });

  it('throttles one credential that keeps failing from an address, not the valid keys behind the same NAT', async () => {
    const { keys } = await createTenantWithKeys('rl-nat', { valid: { scopes: ['chat:read'] } });
    // A neighbour's app retrying a revoked key: one prefix, again and again.
    const stale = [];
    for (let i = 0; i < 5; i++) stale.push((await from('203.0.113.5', 'cp_revoked-key-of-a-neighbour', i)).statusCode);
    expect(stale).toEqual([401, 401, 401, 401, 429]);
    const blocked = await from('203.0.113.5', 'cp_revoked-key-of-a-neighbour');
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(blocked.json()).toMatchObject({ title: 'Too many failed authentications' });
    // Everyone else behind that address still gets in.
    expect((await from('203.0.113.5', keys.valid!)).statusCode).toBe(200);
    expect((await from('203.0.113.5', 'cp_another-wrong-key')).statusCode).toBe(401);
  });

  it('throttles an address guessing with a new prefix each time, valid keys included, and only that address', async () => {
    const { keys } = await createTenantWithKeys('rl-guess', { valid: { scopes: ['chat:read'] } });
    const guesses = [];
    for (let i = 0; i < 12; i++)
      guesses.push((await from('203.0.113.7', `cp_g${String(i).padStart(6, '0')}x`, i)).statusCode);
    expect(new Set(guesses)).toEqual(new Set([401]));
    // The address's ceiling is spent: a fresh prefix, and even a valid key, are refused unchecked.
    expect((await from('203.0.113.7', 'cp_gfresh000x')).statusCode).toBe(429);
    expect((await from('203.0.113.7', keys.valid!)).statusCode).toBe(429);
    expect((await from('198.51.100.9', keys.valid!)).statusCode).toBe(200);
  });

  it('counts failures at the queue dashboard too, which authenticates outside the routes', async () => {
    const dashboard = (i: number) =>
      replicas[i % 2]!.inject({
        method: 'GET',
        url: '/admin/queues',
        headers: { 'x-api-key': `cp_dashboard_guess${i}`, 'x-forwarded-for': '203.0.113.99' },
      });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await dashboard(i)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    expect(Number((await dashboard(5)).headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('leaves probes unlimited', async () => {
    const codes = [];
    for (let i = 0; i < 10; i++) codes.push((await replicas[0]!.inject({ method: 'GET', url: '/health' })).statusCode);
    expect(new Set(codes)).toEqual(new Set([200]));
  });
});
