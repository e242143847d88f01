import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { countTokens } from '@copilot/llm';
import { EmbedderRegistry } from '@copilot/retrieval';
import { z } from 'zod';
import type { ApiSettings } from '../api.settings';
import { OpenAiError } from './openai-error';
import { parseOpenAiBody } from './parse-openai-body';

/** OpenAI's own limit on inputs per request. */
const MAX_INPUTS = 2048;

const embeddingsRequest = z.object({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1, 'expected non-empty strings')).min(1).max(MAX_INPUTS)]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().nullish(),
  user: z.string().max(256).nullish(),
});

/**
 * POST /openai/v1/embeddings with the platform's configured embedder (EMBEDDING_MODEL:
 * `local`, or `openai/<model>` with the tenant's key, else the platform's), the
 * one its collections are indexed with. Token ids as input are refused: the
 * platform embeds text.
 */
@Controller('openai/v1')
export class EmbeddingsController {
  constructor(
    private readonly embedders: EmbedderRegistry,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Post('embeddings')
  @HttpCode(200)
  @Scopes('documents:read')
  async create(@Auth() auth: AuthContext, @Body() body: unknown) {
    const request = parseOpenAiBody(embeddingsRequest, body);
    const configured = this.settings.knowledge.defaultEmbeddingModel;
    if (!namesModel(request.model, configured)) {
      throw new OpenAiError(404, {
        message: `The embedding model '${request.model}' is not available; this server embeds with '${configured}'.`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      });
    }
    const dimensions = this.dimensionsFor(configured, request.dimensions);
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    const embedder = await this.embedders.for(auth.tenantId, configured, dimensions);
    const vectors = await embedder.embed(inputs);
    const base64 = request.encoding_format === 'base64';
    const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
    return {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? toBase64(vector) : vector,
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }

  /**
   * The size to embed in: the configured embedder's, or the requested one where the
   * model shortens its vectors (OpenAI's text-embedding-3-*, up to the model's full
   * size). These vectors are not stored, so they need not match the collections' size.
   */
  private dimensionsFor(configured: string, requested: number | null | undefined): number {
    const native = this.embedders.dimensionsOf(configured);
    if (requested == null || requested === native) return native;
    const fullSize = SHORTENABLE[configured];
    if (fullSize === undefined) {
      throw OpenAiError.invalidRequest(
        `'${configured}' embeds in ${native} dimensions; other sizes are not supported.`,
        'dimensions',
        'unsupported_value',
      );
    }
    if (requested > fullSize) {
      throw OpenAiError.invalidRequest(
        `'${configured}' embeds in at most ${fullSize} dimensions; ${requested} were requested.`,
        'dimensions',
        'unsupported_value',
      );
    }
    return requested;
  }
}

/** Models that shorten their vectors to `dimensions`, with their full size (OpenAI's documented sizes). */
const SHORTENABLE: Record<string, number> = {
  'openai/text-embedding-3-small': 1536,
  'openai/text-embedding-3-large': 3072,
};

/** `local`, `openai/text-embedding-3-small` or its vendor name `text-embedding-3-small`. */
function namesModel(requested: string, configured: string): boolean {
  return requested === configured || (configured.startsWith('openai/') && requested === configured.slice(7));
}

/** OpenAI's base64 format: the float32 values, little-endian. */
function toBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
