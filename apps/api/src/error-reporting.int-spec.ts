import { Body, Controller, NotFoundException, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startErrorReporting } from '@copilot/observability';
import { FakeSentry } from '@copilot/observability/testing';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

// Stands in for a bug anywhere behind a route: an error nothing turned into a Problem.
@Controller('test-failures') // under the api's global /v1 prefix
class FailingController {
  @Post('bug')
  bug(@Body() _body: unknown): never {
    throw new TypeError("Cannot read properties of undefined (reading 'id')");
  }

  @Post('missing')
  missing(): never {
    throw new NotFoundException('No such thing.');
  }
}

describe('error reporting (Sentry)', () => {
  let sentry: FakeSentry;
  let stopReporting: () => Promise<void>;
  let app: NestFastifyApplication;
  let tenantId: string;
  let key: string;

  beforeAll(async () => {
    sentry = await FakeSentry.start();
    stopReporting = startErrorReporting({
      dsn: sentry.dsn,
      environment: 'test',
      release: '1.2.3',
      service: 'copilot-api',
    });
    const tenant = await createTenantWithKeys('sentry', { writer: { scopes: ['chat:write'] } });
    tenantId = tenant.tenantId;
    key = tenant.keys.writer!;
    ({ app } = await startApi(undefined, undefined, [FailingController]));
  });
  afterAll(async () => {
    await app?.close();
    await sentry?.close();
  });

  it('reports an unexpected 500 with tenant and request ids, and no key, header or message content', async () => {
    const secretText = 'the launch plan is in the blue folder';
    const missing = await app.inject({
      method: 'POST',
      url: '/v1/test-failures/missing',
      headers: { 'x-api-key': key },
    });
    expect(missing.statusCode).toBe(404);
    const failed = await app.inject({
      method: 'POST',
      url: '/v1/test-failures/bug',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': 'req-sentry-1' },
      payload: JSON.stringify({ content: secretText }),
    });
    expect(failed.statusCode).toBe(500);
    await stopReporting(); // flushes

    const events = sentry.events();
    expect(events).toHaveLength(1); // the 404 is the caller's problem, not reported
    const [{ event, envelope }] = events as [(typeof events)[number]];
    expect(event.tags).toMatchObject({ tenant_id: tenantId, request_id: 'req-sentry-1', service: 'copilot-api' });
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'TypeError' });
    expect(event).toMatchObject({ environment: 'test', release: '1.2.3' });
    expect(envelope).not.toContain(key);
    expect(envelope).not.toContain(secretText);
    expect(envelope.toLowerCase()).not.toContain('authorization');
  });
});
