import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

export interface McpTestRequest {
  httpMethod: string;
  /** The JSON-RPC methods of a POST (`initialize`, `tools/call`, ...). */
  rpcMethods: string[];
  /** The tool a `tools/call` named. */
  tool: string | null;
  sessionId: string | null;
  authorization: string | null;
}

/**
 * A small MCP server (the SDK's McpServer over Streamable HTTP, one session per client)
 * on a free loopback port, for tests: `echo` (idempotent), `fail` (answers isError),
 * `picture` (an image part) and `slow`, plus whatever `addTool` adds while clients are
 * connected (they get `notifications/tools/list_changed`). It records every request,
 * can demand a bearer token, forget its sessions (404 to them, as a restarted server
 * would) or fail every request.
 */
export class McpTestServer {
  readonly requests: McpTestRequest[] = [];
  /** Answer every request 503 (a server that is down behind its proxy). */
  failing = false;
  private readonly sessions = new Map<string, NodeStreamableHTTPServerTransport>();
  private readonly servers: McpServer[] = [];
  private readonly extraTools: string[] = [];

  private constructor(
    private readonly http: Server,
    private readonly token: string | null,
  ) {}

  static async start(options: { token?: string } = {}): Promise<McpTestServer> {
    const http = createServer();
    const server = new McpTestServer(http, options.token ?? null);
    http.on('request', (req, res) => {
      server.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/mcp`;
  }

  /** How many sessions clients have initialised. */
  get initializations(): number {
    return this.requests.filter((r) => r.rpcMethods.includes('initialize')).length;
  }

  /** The `tools/call` requests (of one tool), answered or not. */
  calls(tool?: string): McpTestRequest[] {
    return this.requests.filter((r) => r.rpcMethods.includes('tools/call') && (!tool || r.tool === tool));
  }

  /** As if the server restarted: the sessions clients hold now get 404. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  /** A new tool on every session (connected clients are told their list changed) and on later ones. */
  addTool(name: string): void {
    this.extraTools.push(name);
    for (const server of this.servers) if (server.isConnected()) this.registerExtra(server, name);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close().catch(() => undefined)));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const sessionId = header(req, 'mcp-session-id');
    const messages = [body ?? []].flat() as { method?: unknown; params?: { name?: unknown } }[];
    const call = messages.find((m) => m.method === 'tools/call');
    this.requests.push({
      httpMethod: req.method ?? '',
      rpcMethods: messages.flatMap((m) => (typeof m.method === 'string' ? [m.method] : [])),
      tool: typeof call?.params?.name === 'string' ? call.params.name : null,
      sessionId,
      authorization: header(req, 'authorization'),
    });
    if (this.failing) return void res.writeHead(503).end('down');
    if (this.token && header(req, 'authorization') !== `Bearer ${this.token}`) {
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    }
    if (sessionId) {
      const transport = this.sessions.get(sessionId);
      if (!transport) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such session');
      return transport.handleRequest(req, res, body);
    }
    const server = this.newServer();
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void this.sessions.set(id, transport),
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  private newServer(): McpServer {
    const server = new McpServer(
      { name: 'mcp-test-server', version: '1.0.0' },
      { capabilities: { tools: { listChanged: true } } },
    );
    server.registerTool(
      'echo',
      {
        description: 'Says the text back.',
        inputSchema: z.object({ text: z.string().max(1000) }),
        annotations: { idempotentHint: true, readOnlyHint: true },
      },
      async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
    );
    server.registerTool('fail', { description: 'Always fails.', inputSchema: z.object({}) }, async () => ({
      isError: true,
      content: [{ type: 'text', text: 'the fail tool failed, as it always does' }],
    }));
    server.registerTool('picture', { description: 'A tiny picture.', inputSchema: z.object({}) }, async () => ({
      content: [
        { type: 'text', text: 'here it is' },
        { type: 'image', mimeType: 'image/png', data: Buffer.from('not really a png').toString('base64') },
      ],
    }));
    server.registerTool(
      'slow',
      { description: 'Answers after `ms` milliseconds.', inputSchema: z.object({ ms: z.number().int().max(60_000) }) },
      async ({ ms }) => {
        await new Promise((resolve) => setTimeout(resolve, ms).unref());
        return { content: [{ type: 'text', text: `slept ${ms} ms` }] };
      },
    );
    for (const name of this.extraTools) this.registerExtra(server, name);
    this.servers.push(server);
    return server;
  }

  private registerExtra(server: McpServer, name: string): void {
    server.registerTool(name, { description: `Added later: ${name}.`, inputSchema: z.object({}) }, async () => ({
      content: [{ type: 'text', text: `${name} ran` }],
    }));
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
