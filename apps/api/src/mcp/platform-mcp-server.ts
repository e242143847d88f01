import type { SearchService } from '@copilot/retrieval';
import { McpServer } from '@modelcontextprotocol/server';
import { type AskCopilotServices, registerAskCopilot } from './ask-copilot.tool';
import { registerListCopilots, registerSearchKnowledge } from './knowledge-tools';
import type { McpCaller } from './mcp-caller';

export type PlatformServices = AskCopilotServices & { search: SearchService };

/**
 * The MCP server for one request: its tools act for `caller`, so a server is never
 * shared between credentials (the endpoint is stateless, a new one each request).
 */
export function buildPlatformMcpServer(services: PlatformServices, caller: McpCaller, version: string): McpServer {
  const server = new McpServer(
    { name: 'copilot-platform', version },
    {
      instructions:
        "Copilot Platform: search the tenant's knowledge bases (search_knowledge), list its copilots " +
        '(list_copilots) and ask one of them (ask_copilot).',
    },
  );
  registerSearchKnowledge(server, services.search, caller);
  registerListCopilots(server, services.copilots, caller);
  registerAskCopilot(server, services, caller);
  return server;
}
