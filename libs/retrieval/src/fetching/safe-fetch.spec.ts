import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { egressRules, type HostLookup } from '@copilot/egress';
import { fetchDocument, type FetchDocumentOptions } from './safe-fetch';
import { UrlFetchError, type UrlFetchErrorReason } from './url-fetch-error';

/** Never real DNS: names resolve only through this table. */
function fakeDns(table: Record<string, string[]>): jest.MockedFunction<HostLookup> {
  return jest.fn(async (hostname: string) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
}

async function failure(promise: Promise<unknown>): Promise<UrlFetchError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UrlFetchError) return err;
    throw err;
  }
  throw new Error('expected the fetch to fail');
}

async function expectReason(promise: Promise<unknown>, reason: UrlFetchErrorReason): Promise<UrlFetchError> {
  const err = await failure(promise);
  expect(err.reason).toBe(reason);
  return err;
}

describe('fetchDocument: refusals under the default policy', () => {
  const base = { maxBytes: 1_000_000, timeoutMs: 2_000 };

  it.each([
    ['the metadata service', ['169.254.169.254']],
    ['a private address', ['10.0.0.5']],
    ['an IPv4-mapped loopback', ['::ffff:127.0.0.1']],
    ['loopback', ['127.0.0.1']],
    ['IPv6 loopback', ['::1']],
    ['CGNAT', ['100.64.12.1']],
    ['unique-local IPv6', ['fd00::1']],
    ['one internal address among public ones', ['93.184.216.34', '192.168.1.10']],
  ])('refuses a name that resolves to %s', async (_label, addresses) => {
    const lookup = fakeDns({ 'evil.example': addresses });
    await expectReason(
      fetchDocument('http://evil.example/doc.pdf', { ...base, rules: egressRules([], lookup) }),
      'refused_address',
    );
    expect(lookup).toHaveBeenCalledWith('evil.example');
  });

  it.each([
    'http://2130706433/', // decimal 127.0.0.1
    'http://0x7f000001/', // hex
    'http://0177.0.0.1/', // octal
    'http://127.1/', // short form
    'http://0/', // 0.0.0.0
    'http://169.254.169.254/latest/meta-data/',
    'http://172.16.3.4/',
    'http://[::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:7f00:1]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://224.0.0.1/',
    'https://255.255.255.255/',
  ])('refuses the literal address in %s without any DNS lookup', async (url) => {
    const lookup = fakeDns({});
    await expectReason(fetchDocument(url, { ...base, rules: egressRules([], lookup) }), 'refused_address');
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each([
    'ftp://example.com/file.pdf',
    'file:///etc/passwd',
    'gopher://example.com/',
    'http://user:secret@example.com/doc',
    'http://user@example.com/doc',
    'not a url',
    '/relative/path',
  ])('refuses %s as an invalid URL', async (url) => {
    const lookup = fakeDns({ 'example.com': ['93.184.216.34'] });
    await expectReason(fetchDocument(url, { ...base, rules: egressRules([], lookup) }), 'invalid_url');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('reports a name that does not resolve as a network failure', async () => {
    await expectReason(
      fetchDocument('http://nowhere.example/', { ...base, rules: egressRules([], fakeDns({})) }),
      'network',
    );
  });
});

describe('fetchDocument against a local server', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  let server: Server;
  let port: number;
  let handler: Handler;
  const seen: IncomingMessage[] = [];
  // The test server is on loopback, which the default policy refuses: allow exactly 127.0.0.1.
  const lookup = fakeDns({ 'docs.test': ['127.0.0.1'], 'internal.test': ['10.0.0.5'] });
  const options = (extra: Partial<FetchDocumentOptions> = {}): FetchDocumentOptions => ({
    maxBytes: 1024,
    timeoutMs: 2_000,
    rules: egressRules(['127.0.0.1'], lookup),
    ...extra,
  });
  const at = (path: string) => `http://docs.test:${port}${path}`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    lookup.mockClear();
  });

  it('fetches the body, keeps the Host header, and reads media type and filename', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'Text/HTML; charset=utf-8' }).end('<p>hi</p>');
    const doc = await fetchDocument(at('/files/Annual%20Report.html?x=1'), options());
    expect(doc.bytes.toString()).toBe('<p>hi</p>');
    expect(doc.mediaType).toBe('text/html');
    expect(doc.filename).toBe('Annual Report.html');
    expect(doc.finalUrl).toBe(at('/files/Annual%20Report.html?x=1'));
    expect(seen[0]!.headers.host).toBe(`docs.test:${port}`);
    expect(seen[0]!.url).toBe('/files/Annual%20Report.html?x=1');
  });

  it('prefers the Content-Disposition filename (filename* over filename) and strips paths from it', async () => {
    handler = (_req, res) =>
      res
        .writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="resume.pdf"; filename*=UTF-8''..%2F..%2Fr%C3%A9sum%C3%A9.pdf`,
        })
        .end('%PDF');
    const doc = await fetchDocument(at('/download?id=7'), options());
    expect(doc.filename).toBe('résumé.pdf');
    expect(doc.mediaType).toBe('application/pdf');

    handler = (_req, res) => res.writeHead(200, { 'content-disposition': 'inline; filename="notes.txt"' }).end('x');
    const plain = await fetchDocument(at('/'), options());
    expect(plain.filename).toBe('notes.txt');
    expect(plain.mediaType).toBe('application/octet-stream');
  });

  it('resolves once per hop and connects to the vetted address (no DNS rebinding)', async () => {
    // A rebinding resolver: public-looking the first time, internal after.
    const rebinding = jest
      .fn<ReturnType<HostLookup>, [string]>()
      .mockResolvedValueOnce([{ address: '127.0.0.1', family: 4 }])
      .mockResolvedValue([{ address: '10.0.0.5', family: 4 }]);
    handler = (_req, res) => res.end('ok');
    const doc = await fetchDocument(at('/a.txt'), options({ rules: egressRules(['127.0.0.1'], rebinding) }));
    expect(doc.bytes.toString()).toBe('ok');
    expect(rebinding).toHaveBeenCalledTimes(1);
  });

  it('follows relative redirects, re-vetting each hop, and reports the final URL', async () => {
    handler = (req, res) => {
      if (req.url === '/start') return void res.writeHead(302, { location: '/middle' }).end();
      if (req.url === '/middle') return void res.writeHead(301, { location: `${at('/final.md')}` }).end();
      res.writeHead(200, { 'content-type': 'text/markdown' }).end('# done');
    };
    const doc = await fetchDocument(at('/start'), options());
    expect(doc.bytes.toString()).toBe('# done');
    expect(doc.finalUrl).toBe(at('/final.md'));
    expect(doc.filename).toBe('final.md');
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a literal metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a name resolving to a private address', 'http://internal.test/admin'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.2]/'],
  ])('refuses a redirect to %s', async (_label, location) => {
    handler = (_req, res) => res.writeHead(302, { location }).end();
    await expectReason(fetchDocument(at('/go'), options()), 'refused_address');
    expect(seen).toHaveLength(1);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    handler = (_req, res) => res.writeHead(307, { location: 'file:///etc/passwd' }).end();
    await expectReason(fetchDocument(at('/go'), options()), 'invalid_url');
  });

  it('stops after maxRedirects', async () => {
    handler = (req, res) => res.writeHead(302, { location: `${req.url}x` }).end();
    await expectReason(fetchDocument(at('/r'), options()), 'too_many_redirects');
    expect(seen).toHaveLength(4); // the first request and 3 redirects
    seen.length = 0;
    await expectReason(fetchDocument(at('/r'), options({ maxRedirects: 0 })), 'too_many_redirects');
    expect(seen).toHaveLength(1);
  });

  it('reports non-2xx answers as http_error with the status', async () => {
    handler = (_req, res) => res.writeHead(404).end('not found');
    const err = await expectReason(fetchDocument(at('/missing'), options()), 'http_error');
    expect(err.status).toBe(404);
  });

  it('refuses a body whose Content-Length exceeds maxBytes without waiting for it', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '1000000' });
      res.write('x'.repeat(100)); // and then nothing: only the header can end this quickly
    };
    const started = Date.now();
    await expectReason(fetchDocument(at('/big'), options({ timeoutMs: 5_000 })), 'too_large');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('aborts a chunked body as soon as it exceeds maxBytes', async () => {
    let closed: Promise<void> = Promise.resolve();
    handler = (_req, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('y'.repeat(512)), 5);
      res.on('close', () => clearInterval(timer));
    };
    await expectReason(fetchDocument(at('/stream'), options({ maxBytes: 2048, timeoutMs: 5_000 })), 'too_large');
    await closed; // the server saw the connection go away
  });

  it('accepts a body of exactly maxBytes', async () => {
    handler = (_req, res) => res.end('z'.repeat(1024));
    const doc = await fetchDocument(at('/exact'), options({ maxBytes: 1024 }));
    expect(doc.bytes).toHaveLength(1024);
  });

  it('times out a server that never answers', async () => {
    handler = () => undefined;
    await expectReason(fetchDocument(at('/hang'), options({ timeoutMs: 150 })), 'timeout');
  });

  it('times out a body that trickles past the deadline, redirects included', async () => {
    handler = (req, res) => {
      if (req.url === '/slow-redirect') return void setTimeout(() => res.writeHead(302, { location: '/t' }).end(), 80);
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    };
    await expectReason(fetchDocument(at('/slow-redirect'), options({ timeoutMs: 200 })), 'timeout');
  });

  it('reports a caller abort as cancelled', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expectReason(fetchDocument(at('/hang'), options({ signal: controller.signal })), 'cancelled');
  });

  it('reports a body cut short as a network failure', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    };
    await expectReason(fetchDocument(at('/cut'), options()), 'network');
  });
});
