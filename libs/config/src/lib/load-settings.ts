import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import type { SettingsConcern, SettingsOf } from './define-settings';

export const APP_ENVS = ['local', 'test', 'ci', 'staging', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];
export type AppName = 'api' | 'worker' | 'scheduler' | 'cli';

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the .env file; read only when APP_ENV is local or test. */
  envFile?: string | null;
}

/**
 * Resolves every setting of the given concerns with the precedence, highest first:
 * `<APP>__X`, `X`, the .env file (local/test only), the built-in default (local/test only).
 * Reports every problem at once and returns a deeply frozen, typed object.
 */
export function loadSettings<const C extends readonly SettingsConcern[]>(
  app: AppName,
  concerns: C,
  options: LoadOptions = {},
): SettingsOf<C> & { app: AppName; env: AppEnv } {
  const env = options.env ?? process.env;
  const prefix = `${app.toUpperCase()}__`;
  const fromEnv = (name: string): string | undefined => env[prefix + name] ?? env[name];

  const problems: string[] = [];
  const appEnvRaw = fromEnv('APP_ENV') ?? readDotenv(options.envFile)?.APP_ENV ?? 'local';
  const appEnv = z.enum(APP_ENVS).safeParse(appEnvRaw);
  if (!appEnv.success) problems.push(`APP_ENV: expected one of ${APP_ENVS.join(', ')}`);
  const relaxed = !appEnv.success || appEnv.data === 'local' || appEnv.data === 'test';
  const dotenv = relaxed ? (readDotenv(options.envFile) ?? {}) : {};

  const result: Record<string, unknown> = { app, env: appEnv.success ? appEnv.data : 'local' };
  const secretValues = new Set<string>();
  for (const concern of concerns) {
    const values: Record<string, unknown> = {};
    let complete = true;
    for (const [name, spec] of Object.entries(concern.specs)) {
      // An empty value counts as unset, as in most deployment tools' env handling.
      const given = [fromEnv(name), dotenv[name]].find((v) => v !== undefined && v !== '');
      const raw = given ?? (relaxed ? spec.localDefault : undefined);
      const parsed = spec.schema.safeParse(raw);
      if (spec.secret && raw) for (const value of secretParts(raw)) secretValues.add(value);
      if (parsed.success) {
        values[name] = parsed.data;
        continue;
      }
      complete = false;
      problems.push(`${name}: ${raw === undefined ? 'is required' : describe(parsed.error)}`);
    }
    // Cross-setting rules run even when a variable failed, so every problem is listed at once.
    const crossProblems = concern.check?.(values as never, relaxed) ?? [];
    problems.push(...crossProblems);
    if (complete && crossProblems.length === 0) result[concern.key] = concern.build(values as never);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  // Not enumerable: never serialised with the settings, only read by the log redaction.
  Object.defineProperty(result, SECRET_VALUES, { value: [...secretValues], enumerable: false });
  return deepFreeze(result) as SettingsOf<C> & { app: AppName; env: AppEnv };
}

const SECRET_VALUES = Symbol.for('copilot.settings.secretValues');

/** The values of the settings marked secret, for log redaction (see observability). */
export function secretValuesOf(settings: object): readonly string[] {
  return (settings as { [SECRET_VALUES]?: string[] })[SECRET_VALUES] ?? [];
}

// Short strings would blank out ordinary words; credentials this short are not worth hiding.
const MIN_SECRET_LENGTH = 12;

/** A secret setting's value, plus each piece of it that may show up on its own (URL passwords, key lists). */
function secretParts(raw: string): string[] {
  const parts = [raw, ...raw.split(',').map((p) => p.trim())];
  for (const part of [...parts]) {
    const colon = part.indexOf(':');
    if (colon > 0 && !part.includes('://')) parts.push(part.slice(colon + 1)); // kid:secret, version:key
    try {
      const password = decodeURIComponent(new URL(part).password);
      if (password) parts.push(password);
    } catch {
      // not a URL
    }
  }
  return [...new Set(parts)].filter((p) => p.length >= MIN_SECRET_LENGTH);
}

function readDotenv(path: string | null | undefined = '.env'): Record<string, string> | undefined {
  if (path === null || !existsSync(path)) return undefined;
  return parseDotenv(readFileSync(path));
}

// Zod's messages describe the expectation, never the received value, so secrets stay out.
function describe(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ');
}

function deepFreeze<T>(value: T): T {
  // Buffers (encryption keys) cannot be frozen; they are not handed out for writing anyway.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
