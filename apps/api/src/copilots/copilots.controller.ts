import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { CopilotService } from '@copilot/conversations';
import { validate } from '@copilot/http';
import { parseModelRef } from '@copilot/llm';
import { presentCopilot } from '@copilot/persistence/presenters';
import { z } from 'zod';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';
import { presentPage } from '../presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Copilot as CopilotShape, CopilotPage } from '../openapi/tenant.responses';

const modelRef = z
  .string()
  .max(200)
  .refine((ref) => {
    try {
      parseModelRef(ref);
      return true;
    } catch {
      return false;
    }
  }, 'expected provider/model with provider openai, anthropic, gemini or local (e.g. anthropic/claude-sonnet-4-5)');

const copilotFields = {
  name: z.string().trim().min(1).max(100),
  instructions: z.string().max(100_000),
  model: modelRef.nullable(),
  temperature: z.number().min(0).max(2).nullable(),
  maxTokens: z.number().int().min(1).max(200_000).nullable(),
  fallbackModels: z.array(modelRef).max(5),
  collectionIds: z.array(z.uuid({ error: 'expected a collection id (UUID)' })).max(20),
  tools: z
    .array(
      z
        .object({
          name: z.string().max(64),
          approval: z.enum(['never', 'always']).default('never'),
        })
        .strict(),
    )
    .max(128),
  toolChoice: z.union([z.enum(['auto', 'required', 'none']), z.object({ name: z.string().max(64) }).strict()]),
  maxSteps: z.number().int().min(1).max(100),
  maxToolCalls: z.number().int().min(1).max(1000).nullable(),
  parallelToolCalls: z.boolean(),
};

const createBody = z
  .object({
    ...copilotFields,
    instructions: copilotFields.instructions.default(''),
    model: copilotFields.model.default(null),
    temperature: copilotFields.temperature.default(null),
    maxTokens: copilotFields.maxTokens.default(null),
    fallbackModels: copilotFields.fallbackModels.default([]),
    collectionIds: copilotFields.collectionIds.default([]),
    tools: copilotFields.tools.default([]),
    toolChoice: copilotFields.toolChoice.default('auto'),
    maxSteps: copilotFields.maxSteps.default(10),
    maxToolCalls: copilotFields.maxToolCalls.default(null),
    parallelToolCalls: copilotFields.parallelToolCalls.default(true),
  })
  .strict()
  .meta({
    example: {
      name: 'Support assistant',
      instructions: 'Answer from the help center; say when you do not know.',
      model: 'anthropic/claude-sonnet-4-5',
      collectionIds: ['7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55'],
    },
  });
const updateBody = z
  .object(copilotFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'expected at least one field to change')
  .meta({ example: { temperature: 0.2, maxTokens: 1024 } });

/** Named assistants. Reading takes chat:read; changing them takes admin. */
@ApiTags('Copilots')
@Controller('copilots')
export class CopilotsController {
  constructor(private readonly copilots: CopilotService) {}

  @Post()
  @HttpCode(201)
  @Scopes('admin')
  @ApiRoute('createCopilot', 'Create a copilot')
  @ApiJson(201, CopilotShape, 'The new copilot.')
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createBody)) body: z.output<typeof createBody>,
    @RequestId() requestId: string,
  ) {
    return presentCopilot(await this.copilots.create(auth, body, requestId));
  }

  @Get()
  @Scopes('chat:read')
  @ApiRoute('listCopilots', 'List copilots, newest first')
  @ApiJson(200, CopilotPage, 'A page of copilots.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    const result = await this.copilots.list(auth.tenantId, page);
    return presentPage(result, presentCopilot);
  }

  @Get(':id')
  @Scopes('chat:read')
  @ApiRoute('getCopilot', 'Get a copilot')
  @ApiJson(200, CopilotShape, 'The copilot.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentCopilot(await this.copilots.get(auth.tenantId, id));
  }

  @Patch(':id')
  @Scopes('admin')
  @ApiRoute('updateCopilot', 'Change some fields of a copilot')
  @ApiJson(200, CopilotShape, 'The updated copilot.')
  @ApiProblemResponses(404)
  async update(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(updateBody)) body: z.output<typeof updateBody>,
    @RequestId() requestId: string,
  ) {
    return presentCopilot(await this.copilots.update(auth, id, body, requestId));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiRoute('deleteCopilot', 'Delete a copilot', 'Its conversations stay, without a copilot.')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404)
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.copilots.delete(auth, id, requestId);
  }
}
