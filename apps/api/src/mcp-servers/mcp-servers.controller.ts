import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { McpServerService } from '@copilot/tools';
import { z } from 'zod';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { McpServer as McpServerShape, McpServerPage, mcpServerExample } from '../openapi/mcp.responses';
import { presentPage } from '../presenters';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';
import { presentMcpServer } from './mcp-server.presenter';

const serverFields = {
  name: z
    .string()
    .max(40)
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'expected 1-40 letters, digits, _ or - (it prefixes the tool names)'),
  url: z.string().min(1).max(2000).describe('Its Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp.'),
  bearerToken: z
    .string()
    .min(1)
    .max(4000)
    .nullable()
    .describe('Sent as `Authorization: Bearer` on every request; sealed at rest and never returned.'),
  allowedTools: z
    .array(z.string().min(1).max(200))
    .max(500)
    .transform((names) => [...new Set(names)])
    .describe('Only these of its tools are offered to copilots; empty: all.'),
  timeoutMs: z.number().int().min(100).max(600_000).describe('For each request to the server.'),
};

const createBody = z
  .object({
    ...serverFields,
    bearerToken: serverFields.bearerToken
      .unwrap()
      .optional()
      .describe('Sent as `Authorization: Bearer` on every request; sealed at rest and never returned.'),
    allowedTools: serverFields.allowedTools.optional(),
    timeoutMs: serverFields.timeoutMs.default(30_000),
  })
  .strict()
  .meta({
    example: {
      name: mcpServerExample.name,
      url: mcpServerExample.url,
      bearerToken: 'crm-mcp-token',
      allowedTools: mcpServerExample.allowedTools,
      timeoutMs: mcpServerExample.timeoutMs,
    },
  });
const updateBody = z
  .object(serverFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'expected at least one field to change')
  .meta({ example: { allowedTools: ['find_customer', 'list_orders'] } });

/** The tenant's MCP servers, whose tools copilots may list as `<server>__<tool>`. Reading takes chat:read; changing them takes admin. */
@ApiTags('MCP servers')
@Controller('mcp-servers')
export class McpServersController {
  constructor(private readonly servers: McpServerService) {}

  @Post()
  @HttpCode(201)
  @Scopes('admin')
  @ApiRoute(
    'createMcpServer',
    'Register an MCP server',
    'The server (Streamable HTTP, reached through the egress policy) must answer: its tools are listed now and kept. Copilots then list them as `<name>__<tool>`.',
  )
  @ApiJson(201, McpServerShape, 'The server, with its tools.')
  @ApiProblemResponses(
    [409, 'An MCP server with this name exists.'],
    [422, 'The server could not be reached or did not list its tools (`mcp-server-unreachable`); nothing was stored.'],
  )
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createBody)) body: z.output<typeof createBody>,
    @RequestId() requestId: string,
  ) {
    return presentMcpServer(await this.servers.create(auth, body, requestId));
  }

  @Get()
  @Scopes('chat:read')
  @ApiRoute('listMcpServers', 'List MCP servers, newest first')
  @ApiJson(200, McpServerPage, 'A page of MCP servers.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    return presentPage(await this.servers.list(auth.tenantId, page), presentMcpServer);
  }

  @Get(':id')
  @Scopes('chat:read')
  @ApiRoute('getMcpServer', 'Get an MCP server')
  @ApiJson(200, McpServerShape, 'The server, with its tools as last listed.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentMcpServer(await this.servers.get(auth.tenantId, id));
  }

  @Patch(':id')
  @Scopes('admin')
  @ApiRoute(
    'updateMcpServer',
    'Change some fields of an MCP server',
    '`bearerToken: null` removes the stored token. A new `url` or `bearerToken` is taken only if the server answers with it (its tools are listed again).',
  )
  @ApiJson(200, McpServerShape, 'The updated server.')
  @ApiProblemResponses(
    404,
    [409, 'The new name is taken, or copilots use its tools under the old name.'],
    [422, 'The server could not be reached with the new URL or token; nothing was changed.'],
  )
  async update(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(updateBody)) body: z.output<typeof updateBody>,
    @RequestId() requestId: string,
  ) {
    return presentMcpServer(await this.servers.update(auth, id, body, requestId));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiRoute('deleteMcpServer', 'Delete an MCP server', 'Refused (409) while a copilot lists one of its tools.')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404, [409, 'Copilots use its tools.'])
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.servers.delete(auth, id, requestId);
  }

  @Post(':id/refresh')
  @HttpCode(200)
  @Scopes('admin')
  @ApiRoute(
    'refreshMcpServer',
    "List an MCP server's tools again",
    'Servers that announce changes (`notifications/tools/list_changed`) are followed while the worker is connected; this lists them now.',
  )
  @ApiJson(200, McpServerShape, 'The server, with its tools as listed now.')
  @ApiProblemResponses(404, [422, 'The server could not be reached; its tools as last listed are kept.'])
  async refresh(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    return presentMcpServer(await this.servers.refresh(auth, id, requestId));
  }
}
