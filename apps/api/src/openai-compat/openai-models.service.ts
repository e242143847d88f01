import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@copilot/errors';
import { SETTINGS } from '@copilot/config';
import { CopilotService } from '@copilot/conversations';
import { formatModelRef, InvalidModelError, parseModelRef, type ProviderName } from '@copilot/llm';
import { ProviderKeys } from '@copilot/secrets';
import type { Copilot } from '@copilot/persistence';
import type { ApiSettings } from '../api.settings';
import { OpenAiError } from './openai-error';

/** What a request's `model` names: one of the tenant's copilots, or a provider's model used directly. */
export type ResolvedModel = { kind: 'copilot'; copilot: Copilot } | { kind: 'provider'; model: string };

/** An entry of GET /openai/v1/models. */
export interface OpenAiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Copilots listed at most (the list is unpaginated in OpenAI's API). */
const MAX_LISTED_COPILOTS = 1000;

/**
 * Model names on the OpenAI-compatible routes: a copilot's id, a copilot's name
 * (when no other copilot of the tenant has it), or `provider/model` (and `local`)
 * for a provider whose key the tenant or the platform has configured.
 */
@Injectable()
export class OpenAiModelsService {
  private readonly bootedAt = Math.floor(Date.now() / 1000);

  constructor(
    private readonly copilots: CopilotService,
    private readonly keys: ProviderKeys,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /** Throws OpenAiError 404 (model_not_found) or 400 (a name shared by several copilots). */
  async resolve(tenantId: string, model: string): Promise<ResolvedModel> {
    if (UUID.test(model)) {
      const copilot = await this.copilots.get(tenantId, model).catch((error: unknown) => {
        if (error instanceof NotFound) return null;
        throw error;
      });
      if (copilot) return { kind: 'copilot', copilot };
    }
    const named = await this.copilots.findByName(tenantId, model);
    if (named.length > 1) {
      throw OpenAiError.invalidRequest(
        `Several copilots are named '${model}'; use the copilot's id as the model.`,
        'model',
        'model_ambiguous',
      );
    }
    if (named[0]) return { kind: 'copilot', copilot: named[0] };
    const ref = parseOrNull(model);
    if (ref && (await this.isConfigured(tenantId, ref.provider)))
      return { kind: 'provider', model: formatModelRef(ref) };
    throw OpenAiError.modelNotFound(model);
  }

  /** The tenant's copilots, then the provider models they and DEFAULT_MODEL use, for configured providers. */
  async list(tenantId: string): Promise<OpenAiModel[]> {
    const copilots = await this.allCopilots(tenantId);
    const nameCounts = new Map<string, number>();
    for (const c of copilots) nameCounts.set(c.name, (nameCounts.get(c.name) ?? 0) + 1);
    const models: OpenAiModel[] = copilots.map((c) => ({
      // The name reads better in a model picker; the id is the name that cannot be ambiguous.
      id: nameCounts.get(c.name) === 1 && !UUID.test(c.name) ? c.name : c.id,
      object: 'model',
      created: Math.floor(c.createdAt.getTime() / 1000),
      owned_by: 'copilot',
    }));
    const providerModels = new Set(['local', this.settings.chat.defaultModel]);
    for (const c of copilots) for (const m of [c.model, ...c.fallbackModels]) if (m) providerModels.add(m);
    for (const name of providerModels) {
      const ref = parseOrNull(name);
      if (!ref || !(await this.isConfigured(tenantId, ref.provider))) continue;
      models.push({ id: formatModelRef(ref), object: 'model', created: this.bootedAt, owned_by: ref.provider });
    }
    return models;
  }

  private async allCopilots(tenantId: string): Promise<Copilot[]> {
    const all: Copilot[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.copilots.list(tenantId, { limit: 100, cursor });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && all.length < MAX_LISTED_COPILOTS);
    return all;
  }

  private async isConfigured(tenantId: string, provider: ProviderName): Promise<boolean> {
    return provider === 'local' || (await this.keys.resolve(tenantId, provider)) !== null;
  }
}

function parseOrNull(model: string) {
  try {
    return parseModelRef(model);
  } catch (error) {
    if (error instanceof InvalidModelError) return null;
    throw error;
  }
}
