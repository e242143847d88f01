import type { McpServer } from '@copilot/persistence';
import { parametersProblem } from '../tool-arguments';

/** One tool of an MCP server as last listed (the `tools` column of mcp_servers). */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** The server's hints; only idempotentHint changes what the platform does. */
  annotations?: { readOnlyHint?: boolean; idempotentHint?: boolean; destructiveHint?: boolean };
}

/** What the model calls a server's tool: `<server>__<tool>`. */
export const MCP_SEPARATOR = '__';
// The strictest of the model vendors' rules for tool names (as for the tenant's own tools).
const MODEL_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export const exposedNameOf = (serverName: string, toolName: string) => `${serverName}${MCP_SEPARATOR}${toolName}`;

/** An MCP tool a copilot may list, under the name the model sees. */
export interface ExposedMcpTool {
  exposedName: string;
  tool: McpToolInfo;
}

/** The cached tools of a server. */
export const cachedToolsOf = (server: McpServer): McpToolInfo[] =>
  Array.isArray(server.tools) ? (server.tools as unknown as McpToolInfo[]) : [];

/**
 * The server's tools a copilot may use: those in `allowedTools` (all when it is empty),
 * whose combined name is one the model vendors accept, and whose input schema the
 * platform can check arguments against. The others are left out, not failed on.
 */
export function exposedToolsOf(server: McpServer): ExposedMcpTool[] {
  const allowed = new Set(server.allowedTools);
  return cachedToolsOf(server).flatMap((tool) => {
    const exposedName = exposedNameOf(server.name, tool.name);
    if (allowed.size > 0 && !allowed.has(tool.name)) return [];
    if (!MODEL_TOOL_NAME.test(exposedName) || parametersProblem(tool.inputSchema)) return [];
    return [{ exposedName, tool }];
  });
}

/**
 * The server names `name` may start with: a server's name and a tool's may both hold
 * `__`, so every split is a candidate (the cached lists then decide).
 */
export function candidateServerNames(name: string): string[] {
  const candidates: string[] = [];
  for (let at = name.indexOf(MCP_SEPARATOR, 1); at !== -1; at = name.indexOf(MCP_SEPARATOR, at + 1)) {
    candidates.push(name.slice(0, at));
  }
  return candidates;
}

const MAX_DESCRIPTION = 4_000;
const MAX_TOOLS = 500;

/**
 * A server's `tools/list` answer as it is stored: bounded, and with `$schema` dropped
 * (servers often declare draft 2020-12, which the argument checker and the model
 * vendors do not need). Tools without a usable object schema keep the permissive one.
 */
export function normaliseListedTools(
  tools: readonly { name: string; description?: string; inputSchema?: unknown; annotations?: unknown }[],
): McpToolInfo[] {
  return tools.slice(0, MAX_TOOLS).map((tool) => {
    const schema: Record<string, unknown> =
      tool.inputSchema && typeof tool.inputSchema === 'object' && !Array.isArray(tool.inputSchema)
        ? { ...(tool.inputSchema as Record<string, unknown>) }
        : { type: 'object' };
    delete schema['$schema'];
    const hints = (tool.annotations ?? {}) as Record<string, unknown>;
    const annotations = Object.fromEntries(
      (['readOnlyHint', 'idempotentHint', 'destructiveHint'] as const)
        .filter((key) => typeof hints[key] === 'boolean')
        .map((key) => [key, hints[key] as boolean]),
    );
    return {
      name: tool.name,
      description: (tool.description ?? '').slice(0, MAX_DESCRIPTION),
      inputSchema: schema,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    };
  });
}
