import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJwksServer {
  readonly url: string;
  /** How many times the JWKS was fetched since the last reset. */
  readonly requests: number;
  /** Serve these keys from now on, and count from zero again. */
  reset(keys: readonly object[]): void;
  setKeys(keys: readonly object[]): void;
  /** Answer with this HTTP status (an outage) instead of the keys; 200 serves them again. */
  setStatus(status: number): void;
  close(): Promise<void>;
}

/** An identity provider's JWKS endpoint on 127.0.0.1 (random port), counting its requests. */
export async function startFakeJwksServer(initialKeys: readonly object[]): Promise<FakeJwksServer> {
  let keys = initialKeys;
  let requests = 0;
  let status = 200;
  const server = createServer((request, response) => {
    requests += 1;
    if (request.url !== '/.well-known/jwks.json' || status !== 200) {
      response.writeHead(request.url === '/.well-known/jwks.json' ? status : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get requests() {
      return requests;
    },
    reset(next) {
      keys = next;
      requests = 0;
      status = 200;
    },
    setKeys(next) {
      keys = next;
    },
    setStatus(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
