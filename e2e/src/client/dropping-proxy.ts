import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ProxiedStream {
  method: string;
  url: string;
  lastEventId?: string;
  /** Ids of the events this connection delivered before it ended or was cut. */
  ids: string[];
}

/**
 * An HTTP proxy in front of the api that cuts the first event stream through it:
 * after `cutAfter` events with ids it sends half of the next event, then destroys the
 * socket, as a load balancer or a flaky network would. Everything else passes as is.
 */
export async function startDroppingProxy(upstream: string, cutAfter: number) {
  const target = new URL(upstream);
  const streams: ProxiedStream[] = [];
  const server: Server = createServer((req, res) => {
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers as IncomingHttpHeaders);
        if (!String(answer.headers['content-type']).startsWith('text/event-stream')) {
          answer.pipe(res);
          return;
        }
        const stream: ProxiedStream = {
          method: req.method ?? 'GET',
          url: req.url ?? '',
          lastEventId: req.headers['last-event-id'] as string | undefined,
          ids: [],
        };
        const cut = streams.push(stream) === 1;
        let pending = '';
        answer.on('data', (chunk: Buffer) => {
          pending += chunk.toString();
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, end + 2);
            pending = pending.slice(end + 2);
            const id = /^id: (.+)$/m.exec(block)?.[1];
            if (cut && id && stream.ids.length === cutAfter) {
              res.write(block.slice(0, Math.ceil(block.length / 2)));
              res.socket?.destroy();
              answer.destroy();
              return;
            }
            if (id) stream.ids.push(id);
            res.write(block);
          }
        });
        answer.on('end', () => res.end());
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
