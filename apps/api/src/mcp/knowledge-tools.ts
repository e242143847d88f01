import type { CopilotService } from '@copilot/conversations';
import type { SearchService } from '@copilot/retrieval';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { McpCaller } from './mcp-caller';
import { guarded, jsonResult, requireScope } from './tool-results';

const searchInput = z.object({
  query: z.string().trim().min(1).max(2_000).describe('What to look for, in plain words.'),
  collectionIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .optional()
    .describe('Only these collections; without it, every collection of the tenant.'),
  topK: z.number().int().min(1).max(20).default(5).describe('How many passages to return.'),
  mode: z
    .enum(['hybrid', 'vector', 'keyword'])
    .default('hybrid')
    .describe('hybrid (both, fused), vector (meaning) or keyword (full text).'),
});

/** search_knowledge: the tenant's knowledge bases, as POST /v1/search searches them. */
export function registerSearchKnowledge(server: McpServer, search: SearchService, caller: McpCaller): void {
  server.registerTool(
    'search_knowledge',
    {
      title: 'Search knowledge',
      description: "Searches the tenant's document collections and returns the best matching passages.",
      inputSchema: searchInput,
      annotations: { readOnlyHint: true },
    },
    (input) =>
      guarded(async () => {
        requireScope(caller.auth, 'search_knowledge', 'documents:read', 'chat:read');
        const hits = await search.search(caller.auth.tenantId, input);
        const passages = hits.map(({ title, documentId, chunkId, score, text }) => ({
          title,
          documentId,
          chunkId,
          score,
          text,
        }));
        return jsonResult({ passages });
      }, caller.onUnexpected),
  );
}

const listInput = z.object({
  limit: z.number().int().min(1).max(100).default(20).describe('How many copilots to return, newest first.'),
});

/** list_copilots: the tenant's copilots, what ask_copilot can be asked to use. */
export function registerListCopilots(server: McpServer, copilots: CopilotService, caller: McpCaller): void {
  server.registerTool(
    'list_copilots',
    {
      title: 'List copilots',
      description: "Lists the tenant's copilots (named assistants) with their model and tools.",
      inputSchema: listInput,
      annotations: { readOnlyHint: true },
    },
    ({ limit }) =>
      guarded(async () => {
        requireScope(caller.auth, 'list_copilots', 'chat:read');
        const page = await copilots.list(caller.auth.tenantId, { limit });
        return jsonResult({
          copilots: page.data.map((c) => ({ id: c.id, name: c.name, model: c.model, tools: c.tools })),
          hasMore: page.nextCursor !== null,
        });
      }, caller.onUnexpected),
  );
}
