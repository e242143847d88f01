import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  JobRepository,
  TenantTransactions,
  type WebhookDelivery,
  WebhookDeliveryRepository,
} from '@copilot/persistence';
import { JOB_CONTRACTS, OutboxRelay } from '@copilot/queues';
import { z } from 'zod';
import { CollectionService, DocumentService } from '@copilot/retrieval';
import { verifyWebhook, WebhookService } from '@copilot/webhooks';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, startWorkerApp } from './testing/worker-test-app';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback: records every request and answers with the next scripted status. */
async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (part: Buffer) => (body += part.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const status = scripts.get(req.url ?? '')?.shift() ?? 200;
      res.writeHead(status).end(status >= 400 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** Statuses to answer on `path`, in order; 200 once they run out. */
    script: (path: string, statuses: number[]) => scripts.set(path, statuses),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Events as they happen in production: a state change commits, its trigger writes the
// delivery and a webhook.deliver job, the outbox relay enqueues it, and the worker sends it.
describe('webhook deliveries', () => {
  let app: INestApplicationContext;
  let tenantId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let relaying: NodeJS.Timeout;

  beforeAll(async () => {
    tenantId = await createTenant('webhooks');
    receiver = await startReceiver();
    app = await startWorkerApp((s) => ({
      ...s,
      // Small retry delays (20 ms, 40 ms, ...) so eight attempts fit in a test.
      egress: { allowedHosts: ['127.0.0.1'] },
      webhooks: { ...s.webhooks, retryDelayMs: 20, timeoutMs: 2_000 },
    }));
    await app.init();
    // The scheduler's job, here in the test process.
    const relay = app.get(OutboxRelay);
    relaying = setInterval(() => void relay.relayOnce().catch(() => undefined), 100);
  }, 30_000);
  afterAll(async () => {
    clearInterval(relaying);
    await app.close();
    await receiver.close();
  });

  const register = (path: string, events: string[]) =>
    app
      .get(WebhookService)
      .create(adminOf(tenantId), { url: receiver.url(path), events, description: '', enabled: true });
  const deliveriesOf = async (webhookId: string) =>
    (
      await app
        .get(TenantTransactions)
        .run(tenantId, (tx) => app.get(WebhookDeliveryRepository).listForWebhook(tx, webhookId, { limit: 50 }))
    ).data;
  const ended = (webhookId: string, count: number) =>
    eventually(async () => {
      const log = await deliveriesOf(webhookId);
      const done = log.filter((d: WebhookDelivery) => d.status !== 'pending');
      return done.length >= count ? done : undefined;
    }, `${count} finished deliveries`);
  /** A job of the tenant that ends with `status`, as a worker would end it. */
  async function endJob(status: 'succeeded' | 'failed'): Promise<string> {
    const jobId = randomUUID();
    const jobs = app.get(JobRepository);
    await app.get(TenantTransactions).run(tenantId, async (tx) => {
      await jobs.create(tx, {
        id: jobId,
        tenantId,
        queue: 'chat',
        name: 'chat.generate',
        payload: { jobId, tenantId },
      });
      await jobs.finish(
        tx,
        jobId,
        status === 'succeeded'
          ? { status, result: { messageId: null } }
          : { status, error: { reason: 'provider_error', message: 'provider down' } },
      );
    });
    return jobId;
  }

  it('signs and sends job.succeeded and document.indexed when a document is indexed', async () => {
    const { webhook, secret } = await register('/ingest', ['job.succeeded', 'document.indexed']);
    const collection = await app.get(CollectionService).create(adminOf(tenantId), { name: 'kb', description: '' });
    const { document, job } = await app
      .get(DocumentService)
      .accept(tenantId, collection.id, { kind: 'text', title: 'notes', text: 'Webhooks tell you when work ends.' });

    const log = await ended(webhook.id, 2);
    expect(log.map((d) => [d.eventType, d.status, d.attempts, d.lastResponseStatus]).sort()).toEqual([
      ['document.indexed', 'succeeded', 1, 200],
      ['job.succeeded', 'succeeded', 1, 200],
    ]);
    const requests = receiver.received.filter((r) => r.path === '/ingest');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const headers = {
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
      };
      expect(verifyWebhook(secret, headers, request.body)).toBe(true);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['user-agent']).toMatch(/CopilotPlatform/);
      expect(Math.abs(Number(headers.timestamp) - Date.now() / 1000)).toBeLessThan(120);
      expect(JSON.parse(request.body).id).toBe(headers.id);
    }
    const events = requests.map((r) => JSON.parse(r.body));
    expect(events.find((e) => e.type === 'document.indexed')).toMatchObject({
      tenantId,
      data: { document: { id: document.id, collectionId: collection.id, status: 'indexed', chunkCount: 1 } },
    });
    expect(events.find((e) => e.type === 'job.succeeded')).toMatchObject({
      tenantId,
      data: { job: { id: job!.id, type: 'document.ingest', status: 'succeeded' } },
    });
  }, 40_000);

  it('retries a receiver that answered 500, and the log shows both attempts', async () => {
    receiver.script('/flaky', [500]);
    const { webhook } = await register('/flaky', ['job.failed']);
    const jobId = await endJob('failed');

    const [delivery] = await ended(webhook.id, 1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastResponseStatus: 200, lastError: null });
    const requests = receiver.received.filter((r) => r.path === '/flaky');
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers['webhook-id']).toBe(requests[1]!.headers['webhook-id']);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({
      type: 'job.failed',
      data: { job: { id: jobId, status: 'failed', error: { reason: 'provider_error' } } },
    });
  }, 40_000);

  it('gives up after the last attempt and logs the delivery failed with the last answer', async () => {
    receiver.script('/down', Array(8).fill(503));
    const { webhook } = await register('/down', ['job.succeeded']);
    await endJob('succeeded');

    const [delivery] = await ended(webhook.id, 1);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastResponseStatus: 503,
      lastError: 'HTTP 503', // the receiver's own words are never shown
    });
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(8);
  }, 40_000);

  it('disables a webhook whose receiver answers 410 Gone, without retrying', async () => {
    receiver.script('/gone', [410]);
    const { webhook } = await register('/gone', ['job.succeeded']);
    await endJob('succeeded');

    const [delivery] = await ended(webhook.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: 410 });
    expect(await app.get(WebhookService).get(tenantId, webhook.id)).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/410/),
    });
    await endJob('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
  }, 40_000);

  it('never emits events for webhook deliveries themselves', async () => {
    const { webhook } = await register('/all', ['job.succeeded', 'job.failed']);
    await endJob('succeeded');
    await ended(webhook.id, 1);
    // The delivery's own job ended succeeded: had it emitted, a second delivery would follow.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
  }, 40_000);

  it("writes each delivery's job as the webhook.deliver contract says (the SQL trigger makes it)", async () => {
    const { webhook } = await register('/contract', ['job.failed']);
    await endJob('failed');
    const [delivery] = await ended(webhook.id, 1);

    const row = await app.get(TenantTransactions).run(tenantId, (tx) =>
      tx.job.findFirstOrThrow({
        where: { name: 'webhook.deliver', payload: { path: ['deliveryId'], equals: delivery!.id } },
      }),
    );
    const contract = JOB_CONTRACTS['webhook.deliver'];
    expect(row.queue).toBe(contract.queue);
    // Strictly: a field the trigger added or renamed is a drift from the contract.
    expect(z.strictObject(contract.payload.shape).parse(row.payload)).toEqual({
      jobId: row.id,
      tenantId,
      deliveryId: delivery!.id,
    });
  }, 40_000);
});
