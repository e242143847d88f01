import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { presentTool } from '@copilot/persistence/presenters';
import { HTTP_METHODS, OpenApiImporter, ToolService } from '@copilot/tools';
import { z } from 'zod';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Tool as ToolShape, ToolImport, ToolPage, toolExample } from '../openapi/tool.responses';
import { presentPage } from '../presenters';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'expected an HTTP header name');
const headers = z
  .record(headerName, z.string().max(4000))
  .refine((h) => Object.keys(h).length <= 50, { message: 'expected at most 50 headers' })
  .meta({ maxProperties: 50 });
const jsonSchema = z.record(z.string().max(200), z.unknown()).meta({ maxProperties: 100 });

const toolFields = {
  name: z
    .string()
    .max(64)
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'expected 1-64 letters, digits, _ or - (what the model calls it)'),
  description: z.string().max(4000),
  parameters: jsonSchema,
  http: z
    .object({
      method: z.enum(HTTP_METHODS),
      urlTemplate: z.string().min(1).max(2000),
      headers: headers.default({}),
    })
    .strict()
    .nullable(),
  credentials: z
    .object({ headers })
    .strict()
    .nullable()
    .describe('Headers sealed at rest and sent on every call (Authorization, API keys); never returned.'),
  idempotent: z.boolean(),
  timeoutMs: z.number().int().min(100).max(600_000),
};

const createBody = z
  .object({
    ...toolFields,
    kind: z.enum(['http', 'client']),
    description: toolFields.description.default(''),
    parameters: toolFields.parameters.default({ type: 'object', properties: {} }),
    http: toolFields.http.default(null),
    credentials: toolFields.credentials.optional(),
    idempotent: toolFields.idempotent.default(false),
    timeoutMs: toolFields.timeoutMs.default(30_000),
  })
  .strict()
  .meta({
    example: {
      name: toolExample.name,
      description: toolExample.description,
      parameters: toolExample.parameters,
      kind: 'http',
      http: toolExample.http,
      credentials: { headers: { Authorization: 'Bearer shop-api-token' } },
      idempotent: true,
      timeoutMs: 10000,
    },
  });
const updateBody = z
  .object(toolFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'expected at least one field to change')
  .meta({ example: { description: 'Looks an order up by its number.', timeoutMs: 5000 } });

const importBody = z
  .object({
    document: z
      .union([z.string().max(5_000_000), z.record(z.string().max(200), z.unknown()).meta({ maxProperties: 100 })])
      .optional()
      .describe('The OpenAPI 3 document: an object, or JSON or YAML text.'),
    url: z
      .string()
      .max(2000)
      .optional()
      .describe('Where to fetch it (through the egress policy), instead of document.'),
    operations: z.array(z.string().max(200)).min(1).max(1000).optional().describe('Only these operationIds.'),
    baseUrl: z.string().max(2000).optional().describe("Where the API is; default: the document's first server."),
    namePrefix: z
      .string()
      .max(32)
      .regex(/^[a-zA-Z0-9_-]*$/, 'expected letters, digits, _ or -')
      .optional(),
    credentials: z.object({ headers }).strict().optional().describe('Sealed on every imported tool.'),
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .strict()
  .refine((body) => (body.document === undefined) !== (body.url === undefined), {
    message: 'expected exactly one of document and url',
  })
  .meta({
    example: {
      url: 'https://shop.example.com/openapi.json',
      operations: ['getOrder', 'listOrders'],
      namePrefix: 'shop_',
      credentials: { headers: { Authorization: 'Bearer shop-api-token' } },
    },
  });

/** Tools copilots may call. Reading takes chat:read; changing them takes admin. */
@ApiTags('Tools')
@Controller('tools')
export class ToolsController {
  constructor(
    private readonly tools: ToolService,
    private readonly importer: OpenApiImporter,
  ) {}

  @Post('import-openapi')
  @HttpCode(201)
  @Scopes('admin')
  @ApiRoute(
    'importOpenApiTools',
    'Import tools from an OpenAPI document',
    'One http tool per operation (its operationId as the name; path and query parameters and the JSON body as arguments). All or nothing: a name the tenant has refuses the whole import.',
  )
  @ApiJson(201, ToolImport, 'The tools created, and the operations left out.')
  @ApiProblemResponses([409, 'A tool with one of the names exists; nothing was imported.'])
  async importOpenApi(
    @Auth() auth: AuthContext,
    @Body(validate(importBody)) body: z.output<typeof importBody>,
    @RequestId() requestId: string,
  ) {
    const { tools, skipped } = await this.importer.import(auth, body, requestId);
    return { tools: tools.map(presentTool), skipped };
  }

  @Post()
  @HttpCode(201)
  @Scopes('admin')
  @ApiRoute(
    'createTool',
    'Define a tool',
    'An `http` tool is called by the platform (every request and redirect through the egress policy); a `client` tool is run by the caller, which the run waits for. The arguments a model writes are checked against `parameters` before anything runs.',
  )
  @ApiJson(201, ToolShape, 'The new tool.')
  @ApiProblemResponses([409, 'A tool with this name exists.'])
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createBody)) body: z.output<typeof createBody>,
    @RequestId() requestId: string,
  ) {
    return presentTool(await this.tools.create(auth, body, requestId));
  }

  @Get()
  @Scopes('chat:read')
  @ApiRoute('listTools', 'List tools, newest first')
  @ApiJson(200, ToolPage, 'A page of tools.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    return presentPage(await this.tools.list(auth.tenantId, page), presentTool);
  }

  @Get(':id')
  @Scopes('chat:read')
  @ApiRoute('getTool', 'Get a tool')
  @ApiJson(200, ToolShape, 'The tool.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentTool(await this.tools.get(auth.tenantId, id));
  }

  @Patch(':id')
  @Scopes('admin')
  @ApiRoute('updateTool', 'Change some fields of a tool', '`credentials: null` removes the stored credentials.')
  @ApiJson(200, ToolShape, 'The updated tool.')
  @ApiProblemResponses(404, [409, 'The new name is taken, or copilots use the tool under its old name.'])
  async update(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(updateBody)) body: z.output<typeof updateBody>,
    @RequestId() requestId: string,
  ) {
    return presentTool(await this.tools.update(auth, id, body, requestId));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiRoute('deleteTool', 'Delete a tool', 'Refused (409) while a copilot lists it.')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404, [409, 'Copilots use the tool.'])
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.tools.delete(auth, id, requestId);
  }
}
