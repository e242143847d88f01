import { ChatCompletionResponder } from './chat-completion-responder';
import { ChatCompletionStarter } from './chat-completion-starter';
import { ChatCompletionsController } from './chat-completions.controller';
import { EmbeddingsController } from './embeddings.controller';
import { JobGenerationReader } from './job-generation-reader';
import { ModelsController } from './models.controller';
import { OpenAiModelsService } from './openai-models.service';
import { ResponsesController } from './responses.controller';
import { StoredResponses } from './responses-history';
import { ResponsesResponder } from './responses-responder';

/** The OpenAI-compatible routes under /openai/v1 (see docs/openai-compatibility.md). */
export const OPENAI_COMPAT_CONTROLLERS = [
  ChatCompletionsController,
  ResponsesController,
  ModelsController,
  EmbeddingsController,
];
export const OPENAI_COMPAT_PROVIDERS = [
  OpenAiModelsService,
  ChatCompletionStarter,
  ChatCompletionResponder,
  ResponsesResponder,
  StoredResponses,
  JobGenerationReader,
];
/** Kept out of the api's /v1 prefix (Nest global-prefix exclusions). */
export const OPENAI_COMPAT_PATHS = [
  'openai/v1/chat/completions',
  'openai/v1/responses',
  'openai/v1/models',
  'openai/v1/models/:model',
  'openai/v1/embeddings',
];

/** Whether a request URL is one of the OpenAI-compatible routes (or would be, if it existed). */
export function isOpenAiCompatPath(url: string): boolean {
  return url === '/openai/v1' || /^\/openai\/v1[/?]/.test(url);
}
