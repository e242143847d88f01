import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EGRESS_FETCH, EGRESS_RULES, EgressError, type EgressRules, type FetchFunction } from '@copilot/egress';
import type { ToolSpec } from '@copilot/llm';
import type { CopilotTool, Tool, Tx } from '@copilot/persistence';
import { McpServerRepository, ToolRepository } from '@copilot/persistence';
import { fetchDocument, parseDocument, SearchService, UrlFetchError } from '@copilot/retrieval';
import { BUILTIN_TOOLS, type BuiltinToolName, isBuiltinTool } from './builtin-tools';
import { McpCallError, McpClientPool, type PooledMcpEndpoint } from './mcp/mcp-client-pool';
import { mcpOutputOf } from './mcp/mcp-output';
import { McpServerService } from './mcp/mcp-server.service';
import { resolveMcpTools } from './mcp/mcp-tool-resolver';
import { definitionOf, ToolService } from './tool.service';
import { capText } from './tool-output';
import { templateNames, type HttpToolConfig, type ToolCredentials } from './tool-definition';

/** A tool a run may call: what the model is told, and how the platform runs it. */
export interface RunnableTool {
  spec: ToolSpec;
  kind: 'builtin' | 'http' | 'client' | 'mcp';
  approval: 'never' | 'always';
  /** Safe to run again after a crash mid-call. Builtins only read. */
  idempotent: boolean;
  timeoutMs: number;
  http?: HttpToolConfig;
  credentials?: ToolCredentials | null;
  /** An MCP server's tool: which server, the tool's own name there, and how to reach it. */
  mcp?: { serverId: string; remoteName: string; endpoint: PooledMcpEndpoint };
}

export type ToolOutcome = 'ok' | 'error' | 'timeout';

export interface ToolResult {
  status: ToolOutcome;
  /** What the model reads: text (often JSON), cut to the output cap. */
  output: string;
  /** The output was longer than the cap and was cut. */
  truncated: boolean;
}

export interface ToolCallContext {
  tenantId: string;
  jobId: string;
  callId: string;
  /** The copilot's collections, for search_knowledge. */
  collectionIds: string[];
  maxOutputBytes: number;
  signal: AbortSignal;
}

const FETCH_URL_MAX_BYTES = 2 * 1024 * 1024;
const BUILTIN_TIMEOUT_MS = 15_000;

/**
 * Runs the tools of agent runs: the builtins, and tenants' http tools, every request
 * through the egress policy (the same one URL ingest uses: no loopback, private or
 * link-local address unless EGRESS_ALLOWED_HOSTS says so, redirects vetted as they
 * are followed), with a timeout and an output cap. `client` tools are not run here:
 * the run parks for the caller's output.
 */
@Injectable()
export class ToolExecutor {
  constructor(
    private readonly repository: ToolRepository,
    private readonly tools: ToolService,
    private readonly search: SearchService,
    @Inject(EGRESS_FETCH) private readonly fetch: FetchFunction,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
    private readonly mcpServers: McpServerRepository,
    private readonly mcpService: McpServerService,
    private readonly mcpPool: McpClientPool,
  ) {}

  /** The copilot's tools, resolved in the run's transaction (a tool deleted since is left out). */
  async prepare(tx: Tx, tenantId: string, listed: readonly CopilotTool[]): Promise<RunnableTool[]> {
    const rows = new Map(
      (
        await this.repository.findByNames(
          tx,
          listed.map((t) => t.name),
        )
      ).map((row) => [row.name, row]),
    );
    // A name that is neither a builtin nor a tenant tool may be `<server>__<tool>`.
    const mcp = await resolveMcpTools(
      this.mcpServers,
      tx,
      listed.filter((t) => !isBuiltinTool(t.name) && !rows.has(t.name)).map((t) => t.name),
    );
    const endpoints = new Map<string, PooledMcpEndpoint>();
    const runnable: RunnableTool[] = [];
    for (const entry of listed) {
      if (isBuiltinTool(entry.name)) {
        runnable.push({
          spec: BUILTIN_TOOLS[entry.name],
          kind: 'builtin',
          approval: entry.approval,
          idempotent: true,
          timeoutMs: BUILTIN_TIMEOUT_MS,
        });
        continue;
      }
      const row = rows.get(entry.name);
      if (row) runnable.push(await this.runnableOf(tx, tenantId, row, entry.approval));
      const remote = mcp.get(entry.name);
      if (!row && remote) {
        const { server, tool } = remote;
        let endpoint = endpoints.get(server.id);
        if (!endpoint) endpoints.set(server.id, (endpoint = await this.mcpService.endpointOf(tx, tenantId, server)));
        runnable.push({
          spec: { name: entry.name, description: tool.description, parameters: tool.inputSchema },
          kind: 'mcp',
          approval: entry.approval,
          // A call cut by a crash is sent again only when the server says that is harmless.
          idempotent: tool.annotations?.idempotentHint === true,
          timeoutMs: server.timeoutMs,
          mcp: { serverId: server.id, remoteName: tool.name, endpoint },
        });
      }
    }
    return runnable;
  }

  async execute(tool: RunnableTool, args: Record<string, unknown>, context: ToolCallContext): Promise<ToolResult> {
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(tool.timeoutMs)]);
    try {
      const raw =
        tool.kind === 'builtin'
          ? await this.builtin(tool.spec.name as BuiltinToolName, args, context, signal)
          : tool.kind === 'mcp'
            ? await this.callMcp(tool, args, context)
            : await this.callHttp(tool, args, context, signal);
      return capped(raw.status, raw.output, context.maxOutputBytes);
    } catch (error) {
      if (signal.aborted && !context.signal.aborted) {
        return capped('timeout', `the tool did not answer within ${tool.timeoutMs} ms`, context.maxOutputBytes);
      }
      if (context.signal.aborted) throw error;
      return capped('error', describeFailure(error), context.maxOutputBytes);
    }
  }

  private async runnableOf(tx: Tx, tenantId: string, row: Tool, approval: 'never' | 'always'): Promise<RunnableTool> {
    const definition = definitionOf(row);
    return {
      spec: { name: row.name, description: row.description, parameters: definition.parameters },
      kind: definition.kind,
      approval,
      idempotent: row.idempotent,
      timeoutMs: row.timeoutMs,
      ...(definition.http ? { http: definition.http } : {}),
      credentials: definition.kind === 'http' ? await this.tools.credentialsOf(tx, tenantId, row) : null,
    };
  }

  private async builtin(
    name: BuiltinToolName,
    args: Record<string, unknown>,
    context: ToolCallContext,
    signal: AbortSignal,
  ): Promise<{ status: ToolOutcome; output: string }> {
    switch (name) {
      case 'current_time': {
        const timeZone = typeof args['timeZone'] === 'string' ? args['timeZone'] : 'UTC';
        const now = new Date();
        let local: string;
        try {
          local = now.toLocaleString('sv-SE', { timeZone, hour12: false }).replace(' ', 'T');
        } catch {
          return { status: 'error', output: `unknown time zone ${timeZone}` };
        }
        return { status: 'ok', output: JSON.stringify({ utc: now.toISOString(), timeZone, local }) };
      }
      case 'fetch_url': {
        const fetched = await fetchDocument(String(args['url']), {
          maxBytes: FETCH_URL_MAX_BYTES,
          timeoutMs: BUILTIN_TIMEOUT_MS,
          rules: this.rules,
          signal,
        });
        const parsed = await parseDocument(fetched);
        return {
          status: 'ok',
          output: JSON.stringify({ url: fetched.finalUrl, title: parsed.title, text: parsed.text }),
        };
      }
      case 'search_knowledge': {
        if (context.collectionIds.length === 0) {
          return { status: 'error', output: 'this copilot has no knowledge collections to search' };
        }
        const hits = await this.search.search(context.tenantId, {
          query: String(args['query']),
          collectionIds: context.collectionIds,
          mode: 'hybrid',
          topK: typeof args['topK'] === 'number' ? args['topK'] : 5,
        });
        const passages = hits.map((hit, i) => ({
          index: i + 1,
          title: hit.title,
          documentId: hit.documentId,
          chunkId: hit.chunkId,
          text: hit.text,
        }));
        return { status: 'ok', output: JSON.stringify({ passages }) };
      }
    }
  }

  /** The pool bounds the call by the server's timeout itself, so only the run's cancellation goes in. */
  private async callMcp(
    tool: RunnableTool,
    args: Record<string, unknown>,
    context: ToolCallContext,
  ): Promise<{ status: ToolOutcome; output: string }> {
    const { remoteName, endpoint } = tool.mcp!;
    try {
      return mcpOutputOf(await this.mcpPool.callTool(endpoint, remoteName, args, context.signal));
    } catch (error) {
      if (!(error instanceof McpCallError)) throw error;
      return { status: error.reason === 'timeout' ? 'timeout' : 'error', output: error.message };
    }
  }

  private async callHttp(
    tool: RunnableTool,
    args: Record<string, unknown>,
    context: ToolCallContext,
    signal: AbortSignal,
  ): Promise<{ status: ToolOutcome; output: string }> {
    const http = tool.http!;
    const { url, rest } = expand(http.urlTemplate, args);
    const withBody = http.method !== 'GET' && http.method !== 'DELETE';
    const inQuery = new Set(http.query ?? []);
    for (const [key, value] of Object.entries(rest)) {
      if (withBody && !inQuery.has(key)) continue;
      url.searchParams.set(key, scalar(value));
      delete rest[key];
    }
    const headers: Record<string, string> = {
      accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
      ...http.headers,
      ...(tool.credentials?.headers ?? {}),
      ...(tool.idempotent ? { 'idempotency-key': idempotencyKey(context.jobId, context.callId) } : {}),
      ...(withBody ? { 'content-type': 'application/json' } : {}),
    };
    const response = await this.fetch(url, {
      method: http.method,
      headers,
      ...(withBody ? { body: JSON.stringify(http.bodyArgument ? rest[http.bodyArgument] : rest) } : {}),
      signal,
      redirect: 'follow',
    });
    const body = await readCapped(response, context.maxOutputBytes + 1, signal);
    const output = `HTTP ${response.status}\n${body}`;
    return { status: response.ok ? 'ok' : 'error', output };
  }
}

/** The URL with its placeholders filled (URL-encoded), and the arguments left for the query or body. */
function expand(template: string, args: Record<string, unknown>): { url: URL; rest: Record<string, unknown> } {
  const used = new Set(templateNames(template));
  const filled = template.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) =>
    encodeURIComponent(args[name] === undefined ? '' : scalar(args[name])),
  );
  const rest = Object.fromEntries(Object.entries(args).filter(([key]) => !used.has(key)));
  return { url: new URL(filled), rest };
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The same for every attempt of one call, and unique to it: a retried call is recognised by the tool. */
export function idempotencyKey(jobId: string, callId: string): string {
  return createHash('sha256').update(`${jobId}\u0000${callId}`).digest('hex').slice(0, 32);
}

/** Reads at most `limit` bytes of the body, then stops the download. */
async function readCapped(response: Response, limit: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit && !signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(parts).subarray(0, limit).toString('utf8');
}

/** Cuts the output to `maxBytes`, and tells the model so. */
function capped(status: ToolOutcome, output: string, maxBytes: number): ToolResult {
  const text = capText(output, maxBytes);
  return text.truncated
    ? { status, output: `${text.output}\n[output cut at ${maxBytes} bytes]`, truncated: true }
    : { status, output, truncated: false };
}

/** A failure in words the model (and the tenant) may read: never an address, a stack or a secret. */
function describeFailure(error: unknown): string {
  if (error instanceof EgressError || error instanceof UrlFetchError) return error.message;
  if (error instanceof TypeError && error.cause instanceof EgressError) return error.cause.message;
  if (error instanceof Error && error.name === 'DocumentParseError') return error.message;
  return 'the tool call failed';
}
