import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EGRESS_FETCH, egressErrorIn, type FetchFunction } from '@copilot/egress';
import { McpServerRepository, type Prisma, TenantTransactions } from '@copilot/persistence';
import {
  type CallToolResult,
  Client,
  ProtocolError,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { CircuitBreakers } from './circuit-breaker';
import { type McpToolInfo, normaliseListedTools } from './mcp-tools';

/** How to reach one MCP server (its bearer token unsealed for the call, never stored here). */
export interface McpEndpoint {
  name: string;
  url: string;
  bearerToken: string | null;
  timeoutMs: number;
}

/** A pooled server: whose it is, so a `tools/list_changed` can be written to its row. */
export interface PooledMcpEndpoint extends McpEndpoint {
  serverId: string;
  tenantId: string;
}

export type McpFailureReason = 'skipped' | 'timeout' | 'unreachable' | 'refused';

/** A call or listing that did not get a result; `message` is safe to show the tenant and the model. */
export class McpCallError extends Error {
  constructor(
    readonly reason: McpFailureReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'McpCallError';
  }
}

const CLIENT_INFO = { name: 'copilot-platform', version: '1.0.0' };

interface Entry {
  /** Changes when the server's URL, token or timeout does: then a new client is made. */
  key: string;
  client: Promise<Client>;
}

/**
 * One MCP client per server, kept open between calls (Streamable HTTP, every request
 * through the egress policy, `Authorization: Bearer` when the server has a token). A
 * session the server dropped (404) is initialised again once and the call retried: the
 * server never ran it. A server that fails 3 calls in a row is skipped for 30 s.
 * Listings for the api are made on a connection of their own, closed right after.
 */
@Injectable()
export class McpClientPool implements OnModuleDestroy {
  private readonly logger = new Logger(McpClientPool.name);
  private readonly entries = new Map<string, Entry>();
  readonly breakers = new CircuitBreakers();

  constructor(
    @Inject(EGRESS_FETCH) private readonly fetch: FetchFunction,
    private readonly transactions: TenantTransactions,
    private readonly servers: McpServerRepository,
  ) {}

  /** The server's tools now, from a connection made for this and closed after. */
  async listTools(endpoint: McpEndpoint): Promise<McpToolInfo[]> {
    let client: Client | undefined;
    try {
      client = await this.connect(endpoint);
      const { tools } = await client.listTools(undefined, { timeout: endpoint.timeoutMs });
      return normaliseListedTools(tools);
    } catch (error) {
      throw failureOf(endpoint, error);
    } finally {
      if (client) await closeClient(client, true);
    }
  }

  /**
   * Calls a tool through the server's pooled client, within the server's timeout.
   * Throws McpCallError when there is no result; `signal` is the run's (cancellation).
   */
  async callTool(
    endpoint: PooledMcpEndpoint,
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    const retryInMs = this.breakers.retryInMs(endpoint.serverId);
    if (retryInMs > 0) {
      throw new McpCallError(
        'skipped',
        `the MCP server ${endpoint.name} failed several calls in a row; it is skipped for another ${Math.ceil(retryInMs / 1000)} s`,
      );
    }
    const deadline = AbortSignal.timeout(endpoint.timeoutMs);
    const bounded = AbortSignal.any([signal, deadline]);
    const call = async (entry: Entry) => {
      const client = await abortable(entry.client, bounded);
      return client.callTool({ name, arguments: args }, { timeout: endpoint.timeoutMs, signal: bounded });
    };
    try {
      const entry = this.entryFor(endpoint);
      let result: CallToolResult;
      try {
        result = await call(entry);
      } catch (error) {
        if (!sessionDropped(error)) throw error;
        // The server never ran the call: initialise a new session and send it again, once.
        this.drop(endpoint.serverId, entry, false);
        result = await call(this.entryFor(endpoint));
      }
      this.breakers.succeeded(endpoint.serverId);
      return result;
    } catch (error) {
      if (signal.aborted) throw error;
      // A JSON-RPC error is the server answering (an unknown tool, bad arguments): it is up.
      if (error instanceof ProtocolError) this.breakers.succeeded(endpoint.serverId);
      else this.breakers.failed(endpoint.serverId);
      if (deadline.aborted) {
        throw new McpCallError(
          'timeout',
          `the MCP server ${endpoint.name} did not answer within ${endpoint.timeoutMs} ms`,
        );
      }
      throw failureOf(endpoint, error);
    }
  }

  /** Closes the server's client (deleted, or changed): the next call connects anew. */
  forget(serverId: string): void {
    const entry = this.entries.get(serverId);
    this.breakers.forget(serverId);
    if (entry) this.drop(serverId, entry, true);
  }

  async onModuleDestroy(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map((entry) =>
        entry.client.then(
          (client) => closeClient(client, true),
          () => undefined,
        ),
      ),
    );
  }

  private entryFor(endpoint: PooledMcpEndpoint): Entry {
    const key = keyOf(endpoint);
    const current = this.entries.get(endpoint.serverId);
    if (current?.key === key) return current;
    if (current) this.drop(endpoint.serverId, current, true);
    const entry: Entry = { key, client: this.connect(endpoint, endpoint) };
    this.entries.set(endpoint.serverId, entry);
    // A failed connect is not kept: the next call tries again.
    entry.client.catch(() => this.entries.get(endpoint.serverId) === entry && this.entries.delete(endpoint.serverId));
    return entry;
  }

  /** Forgets `entry` (unless a concurrent call has already replaced it) and closes its client. */
  private drop(serverId: string, entry: Entry, terminate: boolean): void {
    if (this.entries.get(serverId) === entry) this.entries.delete(serverId);
    void entry.client.then(
      (client) => closeClient(client, terminate),
      () => undefined,
    );
  }

  private async connect(endpoint: McpEndpoint, pooled?: PooledMcpEndpoint): Promise<Client> {
    const client = new Client(
      CLIENT_INFO,
      pooled
        ? { listChanged: { tools: { onChanged: (error, tools) => void this.toolsChanged(pooled, error, tools) } } }
        : {},
    );
    client.onerror = (error) => this.logger.debug(`MCP server ${endpoint.name}: ${error.message}`);
    const transport = new StreamableHTTPClientTransport(new URL(endpoint.url), {
      fetch: this.fetch,
      ...(endpoint.bearerToken
        ? { requestInit: { headers: { authorization: `Bearer ${endpoint.bearerToken}` } } }
        : {}),
    });
    try {
      await client.connect(transport, { timeout: endpoint.timeoutMs });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** The server said its tools changed (the SDK has listed them again): the cache copilots resolve from follows. */
  private async toolsChanged(
    endpoint: PooledMcpEndpoint,
    error: Error | null,
    tools: readonly { name: string }[] | null,
  ): Promise<void> {
    if (error || !tools) return;
    try {
      await this.transactions.run(endpoint.tenantId, (tx) =>
        this.servers.update(tx, endpoint.serverId, {
          tools: normaliseListedTools(tools) as unknown as Prisma.InputJsonArray,
          toolsRefreshedAt: new Date(),
        }),
      );
    } catch (failure) {
      this.logger.warn(`could not store the new tool list of MCP server ${endpoint.serverId}: ${String(failure)}`);
    }
  }
}

const TERMINATE_WAIT_MS = 1_000;

/**
 * Closes a client; with `terminate`, first tells the server its session is over (it
 * would keep it otherwise), waiting a second at most. Not for a session the server dropped.
 */
async function closeClient(client: Client, terminate: boolean): Promise<void> {
  const transport = client.transport;
  if (terminate && transport instanceof StreamableHTTPClientTransport) {
    await new Promise<void>((resolve) => {
      setTimeout(resolve, TERMINATE_WAIT_MS).unref();
      transport.terminateSession().then(resolve, resolve);
    });
  }
  await client.close().catch(() => undefined);
}

/** `promise`, or the signal's reason once it aborts (a shared connect is not cancelled for one caller). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function keyOf(endpoint: McpEndpoint): string {
  return createHash('sha256')
    .update(`${endpoint.url}\u0000${endpoint.bearerToken ?? ''}\u0000${endpoint.timeoutMs}`)
    .digest('hex');
}

/** The server forgot the session (404 to a request that carried it), or the client is no longer connected: nothing ran. */
function sessionDropped(error: unknown): boolean {
  if (error instanceof SdkHttpError) return error.status === 404;
  return error instanceof SdkError && error.code === SdkErrorCode.NotConnected;
}

/** What went wrong, in words that name neither addresses nor secrets. */
function failureOf(endpoint: McpEndpoint, error: unknown): McpCallError {
  if (error instanceof McpCallError) return error;
  const name = endpoint.name;
  const egress = egressErrorIn(error);
  if (egress) return new McpCallError('refused', egress.message, { cause: error });
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new McpCallError('timeout', `the MCP server ${name} did not answer within ${endpoint.timeoutMs} ms`, {
      cause: error,
    });
  }
  if (error instanceof SdkHttpError) {
    const detail = error.status === 401 || error.status === 403 ? ' (check its bearer token)' : '';
    return new McpCallError('unreachable', `the MCP server ${name} answered HTTP ${error.status}${detail}`, {
      cause: error,
    });
  }
  if (error instanceof ProtocolError) {
    return new McpCallError('refused', `the MCP server ${name} refused: ${error.message.slice(0, 500)}`, {
      cause: error,
    });
  }
  return new McpCallError('unreachable', `the MCP server ${name} could not be reached`, { cause: error });
}
