/** `provider/model` as copilots and DEFAULT_MODEL name it; `local` alone means the built-in provider. */
export interface ModelRef {
  provider: string;
  model: string;
}

export const PROVIDERS = ['openai', 'anthropic', 'gemini', 'local'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export class InvalidModelError extends Error {
  constructor(ref: string) {
    super(`expected provider/model with provider among ${PROVIDERS.join(', ')} (or "local"), got "${ref}"`);
    this.name = 'InvalidModelError';
  }
}

export function parseModelRef(ref: string): ModelRef & { provider: ProviderName } {
  if (ref === 'local') return { provider: 'local', model: 'local' };
  const slash = ref.indexOf('/');
  const provider = ref.slice(0, slash) as ProviderName;
  const model = ref.slice(slash + 1);
  if (slash <= 0 || !model || !PROVIDERS.includes(provider)) throw new InvalidModelError(ref);
  return { provider, model };
}

export function formatModelRef(ref: ModelRef): string {
  return ref.provider === 'local' ? 'local' : `${ref.provider}/${ref.model}`;
}

// Context windows in tokens of well-known model families (prefix match, longest first).
// Unknown models of a vendor get that vendor's conservative default.
const WINDOWS: [prefix: string, tokens: number][] = [
  ['openai/gpt-4.1', 1_047_576],
  ['openai/gpt-4o', 128_000],
  ['openai/gpt-5', 400_000],
  ['openai/o', 200_000],
  ['anthropic/claude', 200_000],
  ['gemini/gemini', 1_048_576],
  ['local', 8_192],
];
const VENDOR_DEFAULT: Record<ProviderName, number> = {
  openai: 16_384,
  anthropic: 200_000,
  gemini: 32_768,
  local: 8_192,
};

/** How many tokens the model accepts, prompt and reply together. */
export function contextWindow(ref: ModelRef & { provider: ProviderName }): number {
  const name = formatModelRef(ref);
  let best: [string, number] | undefined;
  for (const entry of WINDOWS)
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1] ?? VENDOR_DEFAULT[ref.provider];
}
