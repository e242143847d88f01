import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { parseInput, unsafeTextFields, validate, ValidationProblem } from '@copilot/http';
import { CollectionService, type DocumentInput, DocumentService, TEXT_SEARCH_LANGUAGES } from '@copilot/retrieval';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { presentJob, presentPage } from '../presenters';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';
import { presentCollection, presentDocument } from './knowledge.presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiAccepted, ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Collection, CollectionPage, DocumentAccepted, DocumentPage } from '../openapi/knowledge.responses';
import { ApiDocumentBody } from './document-body.docs';
import { documentMetadata } from './document-metadata';

const createBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2_000).default(''),
    embeddingModel: z
      .string()
      .max(200)
      .regex(/^(local|openai\/\S+)$/, 'expected local or openai/<model>')
      .optional(),
    language: z.enum(TEXT_SEARCH_LANGUAGES).default('english'),
  })
  .strict()
  .meta({
    example: {
      name: 'Help center',
      description: 'Public support articles',
      embeddingModel: 'local',
      language: 'english',
    },
  });
const NEEDS_KEY =
  "An `openai/<model>` embedding model needs an OpenAI key (the tenant's, `PUT /v1/provider-keys/openai`, or the platform's); without one the request is a 400 naming `body.embeddingModel`.";
const updateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2_000),
    embeddingModel: z
      .string()
      .max(200)
      .regex(/^(local|openai\/\S+)$/, 'expected local or openai/<model>'),
    language: z.enum(TEXT_SEARCH_LANGUAGES),
  })
  .partial()
  .strict()
  .meta({ example: { description: 'Support articles, reviewed monthly' } });
const textDocumentBody = z
  .object({
    title: z.string().trim().min(1).max(500),
    // The api's body limit bounds it first; this states a bound in the contract too.
    text: z.string().min(1, 'must not be empty').max(100_000_000),
    metadata: documentMetadata.optional(),
  })
  .strict();
const urlDocumentBody = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2_000),
    title: z.string().max(500).optional(),
    metadata: documentMetadata.optional(),
  })
  .strict();
const documentBody = z.union([textDocumentBody, urlDocumentBody], {
  error: 'expected { "title", "text" } or { "url" }, or a multipart file in field "file"',
});
/** The variant a body means (by its `url` or `text`), so errors name its own fields. */
const documentBodyFor = (body: unknown) =>
  body !== null && typeof body === 'object'
    ? 'url' in body
      ? urlDocumentBody
      : 'text' in body
        ? textDocumentBody
        : documentBody
    : documentBody;

/** Knowledge bases and their documents. Reading takes documents:read, changing documents:write. */
@ApiTags('Knowledge')
@Controller('collections')
export class CollectionsController {
  constructor(
    private readonly collections: CollectionService,
    private readonly documents: DocumentService,
  ) {}

  @Post()
  @HttpCode(201)
  @Scopes('documents:write')
  @ApiRoute('createCollection', 'Create a collection (knowledge base)', NEEDS_KEY)
  @ApiJson(201, Collection, 'The new collection.')
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createBody)) body: z.output<typeof createBody>,
    @RequestId() requestId: string,
  ) {
    return presentCollection(await this.collections.create(auth, body, requestId));
  }

  @Get()
  @Scopes('documents:read')
  @ApiRoute('listCollections', 'List collections, newest first')
  @ApiJson(200, CollectionPage, 'A page of collections.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    const result = await this.collections.list(auth.tenantId, page);
    return presentPage(result, presentCollection);
  }

  @Get(':id')
  @Scopes('documents:read')
  @ApiRoute('getCollection', 'Get a collection')
  @ApiJson(200, Collection, 'The collection.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentCollection(await this.collections.get(auth.tenantId, id));
  }

  @Patch(':id')
  @Scopes('documents:write')
  @ApiRoute('updateCollection', 'Change some fields of a collection', NEEDS_KEY)
  @ApiJson(200, Collection, 'The updated collection.')
  @ApiProblemResponses(404)
  async update(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(updateBody)) body: z.output<typeof updateBody>,
    @RequestId() requestId: string,
  ) {
    return presentCollection(await this.collections.update(auth, id, body, requestId));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('documents:write')
  @ApiRoute('deleteCollection', 'Delete a collection with its documents')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404)
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.collections.delete(auth, id, requestId);
  }

  @Get(':id/documents')
  @Scopes('documents:read')
  @ApiRoute('listDocuments', 'List the documents of a collection, newest first')
  @ApiJson(200, DocumentPage, 'A page of documents.')
  @ApiProblemResponses(404)
  async listDocuments(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Query(validate(pageQuery)) page: z.output<typeof pageQuery>,
  ) {
    const result = await this.documents.list(auth.tenantId, id, page);
    return presentPage(result, presentDocument);
  }

  /** A multipart file (field `file`), `{ title, text }` or `{ url }`: 202 with the document and its ingest job. */
  @Post(':id/documents')
  @Scopes('documents:write')
  @ApiRoute(
    'addDocument',
    'Add a document: a file, text, or a URL to fetch',
    'Answers 202 with the document and its ingest job (`Location: /v1/jobs/{id}`); 200 with `duplicate: true` and no job when the same content is already in the collection.',
  )
  @ApiDocumentBody(documentBody)
  @ApiAccepted(DocumentAccepted, 'The document is stored and being ingested.')
  @ApiJson(200, DocumentAccepted, 'The same content is already in this collection: that document, no new job.')
  @ApiProblemResponses(404, [413, 'The document is larger than the api accepts.'])
  async addDocument(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const input = await documentInput(request);
    const accepted = await this.documents.accept(auth.tenantId, id, input, request.id);
    void reply.status(accepted.duplicate ? 200 : 202);
    if (accepted.job) void reply.header('location', `/v1/jobs/${accepted.job.id}`);
    return {
      document: presentDocument(accepted.document),
      job: accepted.job ? presentJob(accepted.job) : null,
      duplicate: accepted.duplicate,
    };
  }
}

async function documentInput(request: FastifyRequest): Promise<DocumentInput> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') {
      return parseInput(z.never({ error: 'expected a file in field "file"' }), undefined, 'body.file');
    }
    const bytes = await file.toBuffer();
    const title =
      typeof (file.fields.title as { value?: unknown } | undefined)?.value === 'string'
        ? (file.fields.title as { value: string }).value
        : undefined;
    // Multipart fields are read here, after the edge's check of parsed bodies (unsafe-text.ts).
    const metadataField = (file.fields.metadata as { value?: unknown } | undefined)?.value;
    const metadata = typeof metadataField === 'string' ? multipartMetadata(metadataField) : undefined;
    const unsafe = unsafeTextFields({ file: { filename: file.filename }, title, metadata }, 'body');
    if (unsafe.length > 0) throw new ValidationProblem(unsafe);
    return { kind: 'file', bytes, filename: file.filename, mediaType: file.mimetype, title, metadata };
  }
  const body = parseInput(documentBodyFor(request.body), request.body, 'body') as z.output<typeof documentBody>;
  return 'url' in body
    ? { kind: 'url', url: body.url, title: body.title, metadata: body.metadata }
    : { kind: 'text', text: body.text, title: body.title, metadata: body.metadata };
}

/** The multipart `metadata` field: a JSON object, validated as the JSON body's. */
function multipartMetadata(field: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(field);
  } catch {
    return parseInput(z.never({ error: 'expected a JSON object' }), undefined, 'body.metadata');
  }
  return parseInput(documentMetadata, parsed, 'body.metadata');
}
