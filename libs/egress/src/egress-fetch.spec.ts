import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEgressFetch } from './egress-fetch';
import { egressErrorIn } from './egress-error';
import { egressRules, type HostLookup } from './egress-rules';

/** A server on one loopback address; it counts every request it gets. */
async function serve(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    port,
    url: `http://${host}:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Rejects with the fetch's failure; fails the test if the fetch succeeded. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeDefined();
  return egressErrorIn(error);
}

describe(createEgressFetch.name, () => {
  // The canary stands for the platform's own network (loopback, the metadata service,
  // a database): the egress fetch must never reach it. The "public" receiver lives on
  // 127.0.0.2, which the tests admit, as an operator would admit an intranet host.
  let canary: Awaited<ReturnType<typeof serve>>;
  let receiver: Awaited<ReturnType<typeof serve>>;
  const dns: Record<string, string[]> = {};
  const lookup: HostLookup = async (hostname) => {
    const addresses = dns[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const egressFetch = createEgressFetch(egressRules(['127.0.0.2'], lookup));

  beforeAll(async () => {
    canary = await serve('127.0.0.1', (_req, res) => res.end('secret'));
    receiver = await serve('127.0.0.2', (req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: `${canary.url}/stolen` }).end();
      // Connection: close, so each fetch connects (and is vetted) anew.
      res.writeHead(200, { connection: 'close', 'content-type': 'text/plain' }).end('public answer');
    });
  });
  afterAll(async () => {
    await canary.close();
    await receiver.close();
  });
  afterEach(() => expect(canary.requests).toEqual([]));

  it('reaches an admitted address, keeping the host name in the request', async () => {
    dns['api.vendor.test'] = ['127.0.0.2'];
    const response = await egressFetch(`http://api.vendor.test:${receiver.port}/v1/models`);
    expect(await response.text()).toBe('public answer');
    expect(receiver.requests).toContain('/v1/models');
  });

  it.each([
    ['a loopback literal', () => `${canary.url}/`],
    ['localhost', () => `http://localhost:${canary.port}/`],
    ['an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${canary.port}/`],
    ['a decimal loopback', () => `http://2130706433:${canary.port}/`],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses %s before connecting', async (_label, url) => {
    dns['localhost'] = ['127.0.0.1', '::1'];
    const error = await refusal(egressFetch(url()));
    expect(error?.reason).toBe('refused_address');
  });

  it('refuses a name that resolves to an internal address, without naming the address', async () => {
    dns['evil.test'] = ['127.0.0.1'];
    const error = await refusal(egressFetch(`http://evil.test:${canary.port}/`));
    expect(error?.message).toBe('evil.test is refused: it resolves to a loopback address');
  });

  it('re-checks a redirect when it connects', async () => {
    dns['api.vendor.test'] = ['127.0.0.2'];
    const error = await refusal(egressFetch(`http://api.vendor.test:${receiver.port}/redirect`));
    expect(error?.reason).toBe('refused_address');
    expect(receiver.requests).toContain('/redirect');
  });

  it('vets every new connection, so a name rebound to loopback is refused (DNS rebinding)', async () => {
    dns['rebind.test'] = ['127.0.0.2'];
    expect(await (await egressFetch(`http://rebind.test:${receiver.port}/first`)).text()).toBe('public answer');
    dns['rebind.test'] = ['127.0.0.1'];
    const error = await refusal(egressFetch(`http://rebind.test:${receiver.port}/second`));
    expect(error?.reason).toBe('refused_address');
    expect(receiver.requests).not.toContain('/second');
  });

  it('admits a host name the operator trusts, whatever it resolves to', async () => {
    dns['ollama.internal'] = ['127.0.0.1'];
    const trusting = createEgressFetch(egressRules(['ollama.internal'], lookup));
    const response = await trusting(`http://ollama.internal:${canary.port}/api`);
    expect(await response.text()).toBe('secret');
    canary.requests.length = 0; // trusted on purpose: not a breach
  });
});
