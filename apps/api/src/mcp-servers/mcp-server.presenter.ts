import type { McpServer } from '@copilot/persistence';
import { cachedToolsOf, exposedToolsOf } from '@copilot/tools';

/** An MCP server as its tenant sees it: its token never, only whether it has one; each tool with the name copilots use. */
export function presentMcpServer(server: McpServer) {
  const exposed = new Map(exposedToolsOf(server).map((t) => [t.tool.name, t.exposedName]));
  return {
    id: server.id,
    name: server.name,
    url: server.url,
    hasCredentials: server.secretName !== null,
    allowedTools: server.allowedTools,
    timeoutMs: server.timeoutMs,
    tools: cachedToolsOf(server).map((tool) => ({ ...tool, exposedAs: exposed.get(tool.name) ?? null })),
    toolsRefreshedAt: server.toolsRefreshedAt,
    createdAt: server.createdAt,
    updatedAt: server.updatedAt,
  };
}
