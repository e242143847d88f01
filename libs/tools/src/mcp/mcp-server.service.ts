import { RowSecret } from '../row-secret';
import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuthContext } from '@copilot/auth';
import { EGRESS_RULES, EgressError, type EgressRules, parseOutboundUrl, vetAddress } from '@copilot/egress';
import { Conflict, InvalidInput, NotFound, Unprocessable } from '@copilot/errors';
import {
  isUniqueViolation,
  type McpServer,
  McpServerRepository,
  type Page,
  type Prisma,
  TenantSecretRepository,
  TenantTransactions,
  type Tx,
} from '@copilot/persistence';
import { TenantSecrets } from '@copilot/secrets';
import { McpCallError, McpClientPool, type McpEndpoint, type PooledMcpEndpoint } from './mcp-client-pool';
import { MCP_SEPARATOR, type McpToolInfo } from './mcp-tools';

export interface McpServerInput {
  name: string;
  url: string;
  /** Sent as `Authorization: Bearer`; sealed, never returned. `null` (on update) removes it. */
  bearerToken?: string | null;
  /** Only these of its tools are offered; empty: all. */
  allowedTools?: string[];
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A tenant's MCP servers: registered, changed and deleted by admins (audited), their
 * bearer tokens sealed in the tenant's secrets. A server's tools are listed when it is
 * registered (it must answer) and on refresh, and kept in its row: runs resolve a
 * copilot's `<server>__<tool>` names from that list without calling the server.
 */
@Injectable()
export class McpServerService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly servers: McpServerRepository,
    secrets: TenantSecrets,
    secretRows: TenantSecretRepository,
    private readonly audit: AuditLog,
    private readonly pool: McpClientPool,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
  ) {
    this.token = new RowSecret(
      'mcp',
      secrets,
      secretRows,
      async (tx, id, secretName) => (await this.servers.update(tx, id, { secretName }))!,
    );
  }

  private readonly token: RowSecret<McpServer>;

  async create(actor: AuthContext, input: McpServerInput, requestId?: string): Promise<McpServer> {
    const url = await this.checkedUrl(input.url);
    const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const bearerToken = input.bearerToken ?? null;
    // Listed before anything is stored: a server that does not answer is not registered.
    const tools = await this.listTools({ name: input.name, url, bearerToken, timeoutMs });
    return this.withNameTaken(input.name, () =>
      this.transactions.run(actor.tenantId, async (tx) => {
        let server = await this.servers.create(tx, actor.tenantId, {
          name: input.name,
          url,
          secretName: null,
          allowedTools: input.allowedTools ?? [],
          timeoutMs,
          tools: tools as unknown as Prisma.InputJsonArray,
          toolsRefreshedAt: new Date(),
        });
        if (bearerToken) server = await this.token.seal(tx, actor.tenantId, server, bearerToken);
        await this.audit.record(
          tx,
          actor,
          'mcp_server.created',
          { type: 'mcp_server', id: server.id },
          { requestId, metadata: { name: server.name, host: new URL(url).host, tools: tools.length } },
        );
        return server;
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<McpServer> {
    const server = await this.transactions.run(tenantId, (tx) => this.servers.findById(tx, id));
    if (!server) throw new NotFound('mcp server', id);
    return server;
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<McpServer>> {
    return this.transactions.run(tenantId, (tx) => this.servers.list(tx, page));
  }

  /**
   * `bearerToken: null` removes it; absent keeps it. A new URL or token is only taken
   * once the server answers with it (its tools are listed again then).
   */
  async update(
    actor: AuthContext,
    id: string,
    changes: Partial<McpServerInput>,
    requestId?: string,
  ): Promise<McpServer> {
    const url = changes.url === undefined ? undefined : await this.checkedUrl(changes.url);
    const current = await this.transactions.run(actor.tenantId, async (tx) => {
      const server = await this.servers.findById(tx, id);
      if (!server) throw new NotFound('mcp server', id);
      return { server, bearerToken: await this.tokenOf(tx, actor.tenantId, server) };
    });
    const bearerToken = changes.bearerToken === undefined ? current.bearerToken : changes.bearerToken;
    const timeoutMs = changes.timeoutMs ?? current.server.timeoutMs;
    const reconnects = (url !== undefined && url !== current.server.url) || changes.bearerToken !== undefined;
    const tools = reconnects
      ? await this.listTools({
          name: changes.name ?? current.server.name,
          url: url ?? current.server.url,
          bearerToken,
          timeoutMs,
        })
      : null;
    const updated = await this.withNameTaken(changes.name ?? '', () =>
      this.transactions.run(actor.tenantId, async (tx) => {
        const server = await this.servers.findById(tx, id);
        if (!server) throw new NotFound('mcp server', id);
        if (changes.name !== undefined && changes.name !== server.name) await this.assertUnused(tx, server.name);
        let next = (await this.servers.update(tx, id, {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(url !== undefined ? { url } : {}),
          ...(changes.allowedTools !== undefined ? { allowedTools: changes.allowedTools } : {}),
          ...(changes.timeoutMs !== undefined ? { timeoutMs: changes.timeoutMs } : {}),
          ...(tools ? { tools: tools as unknown as Prisma.InputJsonArray, toolsRefreshedAt: new Date() } : {}),
        }))!;
        if (changes.bearerToken) next = await this.token.seal(tx, actor.tenantId, next, changes.bearerToken);
        if (changes.bearerToken === null) next = await this.token.drop(tx, actor.tenantId, next);
        await this.audit.record(
          tx,
          actor,
          'mcp_server.updated',
          { type: 'mcp_server', id },
          { requestId, metadata: { fields: Object.keys(changes) } },
        );
        return next;
      }),
    );
    this.pool.forget(id);
    return updated;
  }

  delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    return this.transactions
      .run(actor.tenantId, async (tx) => {
        const server = await this.servers.findById(tx, id);
        if (!server) throw new NotFound('mcp server', id);
        await this.assertUnused(tx, server.name);
        await this.servers.delete(tx, id);
        await this.token.remove(tx, actor.tenantId, server);
        await this.audit.record(
          tx,
          actor,
          'mcp_server.deleted',
          { type: 'mcp_server', id },
          { requestId, metadata: { name: server.name } },
        );
      })
      .then(() => this.pool.forget(id));
  }

  /** Lists the server's tools now and keeps them; a server that does not answer keeps its old list (422). */
  async refresh(actor: AuthContext, id: string, requestId?: string): Promise<McpServer> {
    const endpoint = await this.transactions.run(actor.tenantId, async (tx) => {
      const server = await this.servers.findById(tx, id);
      if (!server) throw new NotFound('mcp server', id);
      return this.endpointOf(tx, actor.tenantId, server);
    });
    const tools = await this.listTools(endpoint);
    return this.transactions.run(actor.tenantId, async (tx) => {
      const server = await this.servers.update(tx, id, {
        tools: tools as unknown as Prisma.InputJsonArray,
        toolsRefreshedAt: new Date(),
      });
      if (!server) throw new NotFound('mcp server', id);
      await this.audit.record(
        tx,
        actor,
        'mcp_server.refreshed',
        { type: 'mcp_server', id },
        { requestId, metadata: { tools: tools.length } },
      );
      return server;
    });
  }

  /** How the worker reaches the server, its token unsealed. */
  async endpointOf(tx: Tx, tenantId: string, server: McpServer): Promise<PooledMcpEndpoint> {
    return {
      serverId: server.id,
      tenantId,
      name: server.name,
      url: server.url,
      bearerToken: await this.tokenOf(tx, tenantId, server),
      timeoutMs: server.timeoutMs,
    };
  }

  private tokenOf(tx: Tx, tenantId: string, server: McpServer): Promise<string | null> {
    return this.token.read(tx, tenantId, server);
  }

  private async listTools(endpoint: McpEndpoint): Promise<McpToolInfo[]> {
    try {
      return await this.pool.listTools(endpoint);
    } catch (error) {
      if (!(error instanceof McpCallError)) throw error;
      throw new Unprocessable(
        'mcp-server-unreachable',
        'MCP server unreachable',
        `Could not list the tools of the MCP server at ${new URL(endpoint.url).host}: ${error.message}.`,
      );
    }
  }

  /** An http(s) URL without credentials whose host the egress policy admits (a name that does not resolve is the listing's to report). */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = parseOutboundUrl(raw);
      await vetAddress(url, this.rules).catch((error: unknown) => {
        if (!(error instanceof EgressError && error.reason === 'network')) throw error;
      });
      return url.toString();
    } catch (error) {
      if (error instanceof EgressError) throw new InvalidInput([{ field: 'body.url', message: error.message }]);
      throw error;
    }
  }

  /** Its tools go by `<name>__<tool>` in copilots: a server they use is neither deleted nor renamed. */
  private async assertUnused(tx: Tx, name: string): Promise<void> {
    const copilots = await this.servers.copilotsUsingPrefix(tx, `${name}${MCP_SEPARATOR}`);
    if (copilots.length) {
      throw new Conflict(
        'mcp-server-in-use',
        'MCP server in use',
        `Copilots use tools of the MCP server ${name} (${copilots.join(', ')}); take them off first.`,
        { copilots: copilots.join(', ') },
      );
    }
  }

  private async withNameTaken<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict(
          'mcp-server-name-taken',
          'MCP server name taken',
          `This tenant already has an MCP server named ${name}.`,
        );
      }
      throw error;
    }
  }
}
