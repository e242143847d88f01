import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedPost {
  path: string;
  headers: IncomingMessage['headers'];
  /** The body as sent, gunzipped when it came compressed. */
  body: string;
}

/** A local HTTP server that answers every POST with 200 and keeps what it received. */
export class RecordingServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly received: ReceivedPost[],
  ) {}

  static async start(answer: string): Promise<RecordingServer> {
    const received: ReceivedPost[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        received.push({ path: req.url ?? '', headers: req.headers, body: body.toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RecordingServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `probe` returns something (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
