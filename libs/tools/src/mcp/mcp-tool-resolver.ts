import type { McpServer, McpServerRepository, Tx } from '@copilot/persistence';
import { candidateServerNames, exposedToolsOf, type McpToolInfo } from './mcp-tools';

export interface ResolvedMcpTool {
  server: McpServer;
  tool: McpToolInfo;
}

/**
 * Those of `names` that are tools of the tenant's MCP servers (`<server>__<tool>`, from
 * the servers' cached lists, allow-lists applied), by name. Nothing is called.
 */
export async function resolveMcpTools(
  repository: McpServerRepository,
  tx: Tx,
  names: readonly string[],
): Promise<Map<string, ResolvedMcpTool>> {
  const resolved = new Map<string, ResolvedMcpTool>();
  const candidates = [...new Set(names.flatMap(candidateServerNames))];
  if (candidates.length === 0) return resolved;
  const wanted = new Set(names);
  for (const server of await repository.findByNames(tx, candidates)) {
    for (const { exposedName, tool } of exposedToolsOf(server)) {
      if (wanted.has(exposedName) && !resolved.has(exposedName)) resolved.set(exposedName, { server, tool });
    }
  }
  return resolved;
}
