import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { SearchService } from '@copilot/retrieval';
import { z } from 'zod';
import { searchFilter } from './document-metadata';
import { presentHit } from './knowledge.presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { SearchResults } from '../openapi/knowledge.responses';

const searchBody = z
  .object({
    query: z.string().trim().min(1).max(2_000),
    collectionIds: z.array(z.uuid()).min(1).max(50).optional(),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    topK: z.number().int().min(1).max(100).default(10),
    keywordMatch: z
      .enum(['any', 'all'])
      .default('any')
      .describe(
        'The keyword half: `any` ranks chunks with any of the query\'s meaningful terms (stop words dropped, BM25); `all` requires every word (web-search syntax: "phrases", -exclusions).',
      ),
    filter: searchFilter.optional().describe('Only chunks of the documents that pass every given field.'),
  })
  .strict()
  .meta({
    example: {
      query: 'how long do refunds take',
      mode: 'hybrid',
      topK: 5,
      filter: { contentTypes: ['application/pdf'], metadata: { team: 'support' } },
    },
  });

@ApiTags('Knowledge')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Ranked chunks with their document, heading path, offsets and score. */
  @Post()
  @HttpCode(200)
  @Scopes('documents:read')
  @ApiRoute(
    'search',
    'Search collections: hybrid, vector or keyword',
    'Without `collectionIds`, every collection of the tenant is searched.',
  )
  @ApiJson(200, SearchResults, 'Ranked chunks with their document, heading path, offsets and score.')
  @ApiProblemResponses(
    [404, 'A collection in `collectionIds` does not exist.'],
    [409, "A collection's embedding model has no key any more (the tenant's OpenAI key was removed)."],
  )
  async run(@Auth() auth: AuthContext, @Body(validate(searchBody)) body: z.output<typeof searchBody>) {
    const hits = await this.search.search(auth.tenantId, body);
    return { mode: body.mode, data: hits.map(presentHit) };
  }
}
