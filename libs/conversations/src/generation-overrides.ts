import { z } from 'zod';

/**
 * Generation settings a conversation carries itself, overriding its copilot's (or the
 * defaults when it has none). The OpenAI-compatible endpoint sets them from each
 * stateless request; conversations created over /v1 have none. Stored as JSON on the
 * conversation, so they are read back through this schema: anything else is ignored.
 */
export const generationOverrides = z.object({
  /** `provider/model`: replaces the copilot's model and its fallbacks. */
  model: z.string().min(1).optional(),
  /** Added after the copilot's instructions (the caller's system messages). */
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  topP: z.number().min(0).max(1).optional(),
  stop: z.array(z.string().min(1)).max(4).optional(),
  /** Forwarded to the providers that have them (OpenAI, Gemini); the others ignore them. */
  seed: z.number().int().optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  /** The caller's end-user id, for the vendor's abuse monitoring. */
  user: z.string().max(256).optional(),
});
export type GenerationOverrides = z.infer<typeof generationOverrides>;

/** What a reply is generated with, before overrides: a copilot's settings, or none. */
export interface GenerationDefaults {
  model: string | null;
  fallbackModels: string[];
  instructions: string;
  temperature: number | null;
  maxTokens: number | null;
  collectionIds: string[];
}

/** Settings only a conversation's overrides carry (copilots have none of these). */
type OverrideOnly = Pick<
  GenerationOverrides,
  'topP' | 'stop' | 'seed' | 'frequencyPenalty' | 'presencePenalty' | 'user'
>;

/** The copilot's settings with the conversation's overrides applied; `stored` is the conversation's JSON. */
export function applyOverrides(
  copilot: GenerationDefaults | null,
  stored: unknown,
): (GenerationDefaults & OverrideOnly) | null {
  const parsed = stored == null ? undefined : generationOverrides.safeParse(stored).data;
  if (!parsed) return copilot;
  return {
    model: parsed.model ?? copilot?.model ?? null,
    fallbackModels: parsed.model ? [] : (copilot?.fallbackModels ?? []),
    instructions: [copilot?.instructions, parsed.system].filter(Boolean).join('\n\n'),
    temperature: parsed.temperature ?? copilot?.temperature ?? null,
    maxTokens: parsed.maxTokens ?? copilot?.maxTokens ?? null,
    collectionIds: copilot?.collectionIds ?? [],
    topP: parsed.topP,
    stop: parsed.stop,
    seed: parsed.seed,
    frequencyPenalty: parsed.frequencyPenalty,
    presencePenalty: parsed.presencePenalty,
    user: parsed.user,
  };
}
