import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { egressRules, type HostLookup } from '@copilot/egress';
import { sendWebhook } from './webhook-sender';
import { checkWebhookUrl, WebhookUrlRefused } from './webhook-url';

/** DNS answers from a table the test changes: no real resolver is involved. */
function fakeDns(table: Record<string, string[]>): HostLookup {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

describe('webhook URLs and requests', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  let server: Server;
  let port: number;
  let handler: Handler;
  const received: { headers: IncomingMessage['headers']; body: string; url?: string }[] = [];
  const dns: Record<string, string[]> = {};
  // Loopback is refused by default; these tests allow exactly 127.0.0.1, like EGRESS_ALLOWED_HOSTS would.
  const rules = egressRules(['127.0.0.1'], fakeDns(dns));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (part: Buffer) => (body += part.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body, url: req.url });
        handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    dns['hooks.test'] = ['127.0.0.1'];
  });

  const send = (url: string, timeoutMs = 2_000) =>
    sendWebhook({ url, body: '{"ok":true}', headers: { 'content-type': 'application/json' }, timeoutMs }, rules);

  it.each([
    ['a private address', 'http://10.0.0.5/hook'],
    ['the metadata service', 'http://169.254.169.254/latest'],
    ['IPv6 loopback', 'http://[::1]/hook'],
    ['a name resolving to a private address', 'http://internal.test/hook'],
    ['a scheme other than http(s)', 'ftp://hooks.test/hook'],
    ['credentials in the URL', 'http://user:pw@hooks.test/hook'],
    ['a name that does not resolve', 'http://nowhere.test/hook'],
  ])('refuses to register %s', async (_label, url) => {
    dns['internal.test'] = ['192.168.1.20'];
    await expect(checkWebhookUrl(url, rules)).rejects.toBeInstanceOf(WebhookUrlRefused);
  });

  it('accepts an allowed address and returns the normalised URL', async () => {
    await expect(checkWebhookUrl(`http://HOOKS.test:${port}/in`, rules)).resolves.toBe(`http://hooks.test:${port}/in`);
  });

  it('POSTs the body with its headers and the URL host, and reports the answer', async () => {
    handler = (_req, res) => res.writeHead(204).end();
    const response = await send(`http://hooks.test:${port}/in?x=1`);
    expect(response).toMatchObject({ status: 204, error: null });
    expect(received[0]).toMatchObject({
      body: '{"ok":true}',
      url: '/in?x=1',
      headers: expect.objectContaining({ host: `hooks.test:${port}`, 'content-type': 'application/json' }),
    });
  });

  it("reports a non-2xx answer by its status alone, never the receiver's body, and does not follow redirects", async () => {
    handler = (_req, res) => res.writeHead(503).end('internal secret: db password is hunter2');
    expect(await send(`http://hooks.test:${port}/in`)).toEqual({
      status: 503,
      error: 'HTTP 503',
      durationMs: expect.any(Number),
    });
    handler = (_req, res) => res.writeHead(302, { location: 'http://10.0.0.5/' }).end();
    expect(await send(`http://hooks.test:${port}/in`)).toMatchObject({ status: 302 });
    expect(received).toHaveLength(2);
  });

  it('refuses at send time a name that now resolves to a private address (DNS rebinding)', async () => {
    handler = (_req, res) => res.writeHead(200).end();
    await checkWebhookUrl(`http://hooks.test:${port}/in`, rules);
    dns['hooks.test'] = ['10.0.0.7'];
    const response = await send(`http://hooks.test:${port}/in`);
    expect(response.status).toBeNull();
    expect(response.error).toBe('hooks.test is refused: it resolves to a private address');
    expect(received).toHaveLength(0);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    handler = () => undefined; // never answers
    const response = await send(`http://hooks.test:${port}/in`, 300);
    expect(response).toMatchObject({ status: null, error: 'no answer within 300 ms' });
  });
});
