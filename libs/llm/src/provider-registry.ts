import { Injectable } from '@nestjs/common';
import type { LlmProvider } from './llm-provider';
import { LocalProvider } from './local-provider';

export class UnknownModelError extends Error {
  constructor(model: string) {
    super(`no provider serves model ${model}`);
    this.name = 'UnknownModelError';
  }
}

/** Picks the provider for a model name. Vendor adapters register here as they are added. */
@Injectable()
export class ProviderRegistry {
  private readonly providers = new Map<string, LlmProvider>([['local', new LocalProvider()]]);

  forModel(model: string): LlmProvider {
    const provider = this.providers.get(model.split('/')[0]!);
    if (!provider) throw new UnknownModelError(model);
    return provider;
  }
}
