import { z } from 'zod';

/** One environment variable: how to validate it and its default for local/test runs. */
export interface SettingSpec<T extends z.ZodType = z.ZodType> {
  schema: T;
  /** Used only when APP_ENV is local or test; elsewhere the variable must be set. */
  localDefault?: string;
  /** Never echoed back in errors or logs. */
  secret?: boolean;
}

export type SettingSpecs = Record<string, SettingSpec>;

/** A group of related settings (database, redis, ...) and the typed object it yields. */
export interface SettingsConcern<K extends string = string, S extends SettingSpecs = SettingSpecs, O = unknown> {
  key: K;
  specs: S;
  // Method syntax on purpose: bivariant, so any concern fits `SettingsConcern`.
  build(values: { [P in keyof S]: z.output<S[P]['schema']> }): O;
  /**
   * Rules across several variables; returns problems ("X: ..."), checked in every
   * APP_ENV. Variables that failed their own validation arrive as undefined.
   */
  check?(values: { [P in keyof S]: z.output<S[P]['schema']> }, relaxed: boolean): string[];
}

export function defineConcern<K extends string, S extends SettingSpecs, O>(
  key: K,
  specs: S,
  build: (values: { [P in keyof S]: z.output<S[P]['schema']> }) => O,
  check?: (values: { [P in keyof S]: z.output<S[P]['schema']> }, relaxed: boolean) => string[],
): SettingsConcern<K, S, O> {
  return { key, specs, build, check };
}

export type SettingsOf<C extends readonly SettingsConcern[]> = {
  readonly [Item in C[number] as Item['key']]: Readonly<ReturnType<Item['build']>>;
};
