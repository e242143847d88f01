import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';

// Webhooks as an integrator sees them: register over HTTP, cause an event, and
// receive a signed delivery sent by the worker after the scheduler's relay queued it.
describe('webhooks over HTTP', () => {
  const apps: AppProcess[] = [];
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let receiver: Server;
  let receiverUrl: string;
  let api: string;
  let key: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (part: Buffer) => (body += part.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const [apiPort, workerPort, schedulerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      SCHEDULER_PORT: String(schedulerPort),
      // The receiver listens on loopback, which webhook URLs may not target otherwise.
      EGRESS_ALLOWED_HOSTS: '127.0.0.1',
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'hooli-webhooks');
    key = String((await cli(env, 'key:create', '--tenant', 'hooli-webhooks', '--scopes', 'admin')).key);
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const json = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('delivers a signed document.indexed event and logs it', async () => {
    const hook = await json('POST', '/v1/webhooks', { url: receiverUrl, events: ['document.indexed'] });
    expect(hook.status).toBe(201);
    const secret = String(hook.body.secret);
    const collection = await json('POST', '/v1/collections', { name: 'memos' });
    const doc = await json('POST', `/v1/collections/${collection.body.id}/documents`, {
      title: 'TPS reports',
      text: 'Every TPS report needs the new cover sheet.',
    });
    expect(doc.status).toBe(202);

    const deadline = Date.now() + 30_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
    const signingKey = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    expect(headers['webhook-signature']).toBe(`v1,${createHmac('sha256', signingKey).update(signed).digest('base64')}`);
    expect(JSON.parse(body)).toMatchObject({
      type: 'document.indexed',
      data: { document: { id: doc.body.document.id, status: 'indexed' } },
    });

    // The worker records the attempt just after the receiver answered.
    let log = await json('GET', `/v1/webhooks/${hook.body.id}/deliveries`);
    while (log.body.data[0]?.status === 'pending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      log = await json('GET', `/v1/webhooks/${hook.body.id}/deliveries`);
    }
    expect(log.body.data).toEqual([
      expect.objectContaining({ eventType: 'document.indexed', status: 'succeeded', lastResponseStatus: 204 }),
    ]);

    // Deleting takes its sealed secret along (the CLI re-encryption e2e counts every tenant secret in the database).
    const removed = await fetch(`${api}/v1/webhooks/${hook.body.id}`, {
      method: 'DELETE',
      headers: { 'x-api-key': key },
    });
    expect(removed.status).toBe(204);
  }, 60_000);
});
