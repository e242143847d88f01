import { Controller, Get, Param } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { type OpenAiModel, OpenAiModelsService } from './openai-models.service';

/** GET /openai/v1/models (and one model): what `model` may name, in OpenAI's list format. */
@Controller('openai/v1/models')
export class ModelsController {
  constructor(private readonly models: OpenAiModelsService) {}

  @Get()
  @Scopes('chat:read')
  async list(@Auth() auth: AuthContext): Promise<{ object: 'list'; data: OpenAiModel[] }> {
    return { object: 'list', data: await this.models.list(auth.tenantId) };
  }

  /** `provider/model` ids arrive URL-encoded (`openai%2Fgpt-4o-mini`), as the SDKs send them. */
  @Get(':model')
  @Scopes('chat:read')
  async get(@Auth() auth: AuthContext, @Param('model') model: string): Promise<OpenAiModel> {
    const resolved = await this.models.resolve(auth.tenantId, model);
    return resolved.kind === 'copilot'
      ? {
          id: model,
          object: 'model',
          created: Math.floor(resolved.copilot.createdAt.getTime() / 1000),
          owned_by: 'copilot',
        }
      : { id: resolved.model, object: 'model', created: 0, owned_by: resolved.model.split('/')[0]! };
  }
}
