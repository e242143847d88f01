import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const ROOT = join(__dirname, '..', '..', '..');
export const OPENAPI_FILE = join(ROOT, 'apps', 'api', 'openapi.yaml');
export const SCHEMA_FILE = join(ROOT, 'packages', 'client', 'src', 'generated', 'schema.ts');

const HEADER =
  '// Generated from apps/api/openapi.yaml by `npm run client:generate` (openapi-typescript): do not edit by hand.\n\n';

/** The client's types as `npm run client:generate` writes them: openapi-typescript's output, formatted like the repo. */
export async function renderSchema(): Promise<string> {
  // Parsed from text, not a path, so no redocly.yaml nearby changes how it is read.
  const ast = await openapiTS(readFileSync(OPENAPI_FILE, 'utf8'));
  const prettier = await resolveConfig(SCHEMA_FILE);
  return format(HEADER + astToString(ast), { ...prettier, filepath: SCHEMA_FILE });
}

export async function writeSchema(): Promise<void> {
  writeFileSync(SCHEMA_FILE, await renderSchema());
}
