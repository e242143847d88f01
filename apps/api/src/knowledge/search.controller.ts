import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { SearchService } from '@copilot/retrieval';
import { z } from 'zod';
import { presentHit } from './knowledge.presenters';

const searchBody = z
  .object({
    query: z.string().trim().min(1).max(2_000),
    collectionIds: z.array(z.uuid()).min(1).max(50).optional(),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    topK: z.number().int().min(1).max(100).default(10),
  })
  .strict();

@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Ranked chunks with their document, heading path, offsets and score. */
  @Post()
  @HttpCode(200)
  @Scopes('documents:read')
  async run(@Auth() auth: AuthContext, @Body(validate(searchBody)) body: z.output<typeof searchBody>) {
    const hits = await this.search.search(auth.tenantId, body);
    return { mode: body.mode, data: hits.map(presentHit) };
  }
}
