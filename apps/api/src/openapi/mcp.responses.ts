import { z } from 'zod';
import { component, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

export const mcpServerExample = {
  id: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6bdd',
  name: 'crm',
  url: 'https://mcp.crm.example.com/mcp',
  hasCredentials: true,
  allowedTools: ['find_customer'],
  timeoutMs: 15000,
  tools: [
    {
      name: 'find_customer',
      description: 'Finds a customer by e-mail address or customer number.',
      inputSchema: { type: 'object', properties: { query: { type: 'string', maxLength: 200 } }, required: ['query'] },
      annotations: { readOnlyHint: true, idempotentHint: true },
      exposedAs: 'crm__find_customer',
    },
    {
      name: 'delete_customer',
      description: 'Deletes a customer.',
      inputSchema: { type: 'object', properties: { id: { type: 'string', maxLength: 40 } }, required: ['id'] },
      annotations: { destructiveHint: true },
      exposedAs: null,
    },
  ],
  toolsRefreshedAt: EXAMPLE_TIME,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};

export const McpServerTool = component(
  'McpServerTool',
  z
    .object({
      name: text(200).describe("The tool's name on the server."),
      description: text(4000),
      inputSchema: jsonObject().describe('JSON Schema (type object) of its arguments, as the server gave it.'),
      annotations: z
        .object({ readOnlyHint: z.boolean(), idempotentHint: z.boolean(), destructiveHint: z.boolean() })
        .partial()
        .strict()
        .optional()
        .describe("The server's hints. With `idempotentHint`, a call cut by a crash is sent again."),
      exposedAs: text(64)
        .nullable()
        .describe(
          'What copilots list it as (`<server>__<tool>`); null when it is not offered: not in `allowedTools`, a combined name over 64 characters, or an input schema the platform cannot check.',
        ),
    })
    .strict(),
  'One tool of an MCP server, as the server last listed it.',
);

export const McpServer = component(
  'McpServer',
  z
    .object({
      id: uuid(),
      name: text(40).describe('Prefixes its tool names: `<name>__<tool>`.'),
      url: text(2000).describe('Its Streamable HTTP endpoint.'),
      hasCredentials: z.boolean().describe('Whether a bearer token is stored (sealed; never returned).'),
      allowedTools: z
        .array(text(200))
        .max(500)
        .describe('Only these of its tools are offered to copilots; empty: all.'),
      timeoutMs: z.number().int().min(100).max(600_000).describe('For each request to the server.'),
      tools: z.array(McpServerTool).max(500),
      toolsRefreshedAt: time().nullable().describe('When its tools were last listed.'),
      createdAt: time(),
      updatedAt: time(),
    })
    .strict()
    .meta({ example: mcpServerExample }),
  "A tenant's MCP server (Streamable HTTP): its tools become tools copilots may call.",
);
export const McpServerPage = page('McpServerPage', McpServer, mcpServerExample);
