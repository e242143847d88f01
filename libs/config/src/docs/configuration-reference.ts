import { join } from 'node:path';
import { z } from 'zod';
import { ALL_CONCERNS, APP_CONCERNS } from '../app-concerns';
import type { SettingSpec, SettingsConcern } from '../lib/define-settings';
import { APP_ENVS, type AppName } from '../lib/load-settings';

/** Where the reference lives in the repository. */
export const CONFIGURATION_DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'configuration.md');

/** Headings of the groups, by concern key; a new concern without one is shown under its key. */
const GROUP_TITLES: Record<string, string> = {
  core: 'Core',
  http: 'Ports and interfaces',
  database: 'Database',
  adminDatabase: 'Database owner (migrations, admin CLI)',
  redis: 'Redis',
  stream: 'Job event streams and SSE',
  outbox: 'Outbox relay',
  worker: 'Worker queues',
  scheduler: 'Scheduler',
  chat: 'Chat',
  jwt: 'Authentication (JWT)',
  edge: 'HTTP edge: CORS, body size, rate limits',
  encryption: 'Secrets at rest',
  llm: 'LLM providers',
  knowledge: 'Knowledge: documents, chunking, embeddings, retrieval',
  telemetry: 'Tracing and error reporting',
  webhooks: 'Webhooks',
  maintenance: 'Maintenance: reaper, retention, rollups',
};

const APPS: readonly AppName[] = ['api', 'worker', 'scheduler', 'cli'];
// Larger bounds are zod's "any safe integer", not a limit worth printing.
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

interface Row {
  name: string;
  apps: AppName[];
  values: string;
  defaultValue: string;
  production: string;
  description: string;
  secret: boolean;
}

/** docs/configuration.md, rendered from the settings schemas: one table per group of settings. */
export function renderConfigurationReference(): string {
  const groups = new Map<string, Map<string, Row>>();
  for (const concern of ALL_CONCERNS as readonly SettingsConcern[]) {
    const rows = groups.get(concern.key) ?? new Map<string, Row>();
    groups.set(concern.key, rows);
    const requiredByRule = requiredByCrossRules(concern);
    for (const [name, spec] of Object.entries(concern.specs)) {
      if (!rows.has(name)) rows.set(name, rowOf(name, spec, requiredByRule.get(name)));
    }
  }
  groups.get('core')?.set('APP_ENV', appEnvRow());
  const sections = [...groups].map(([key, rows]) => renderGroup(key, [...rows.values()]));
  return `${[HEADER, ...sections].join('\n\n')}\n`;
}

const HEADER = `# Configuration reference

<!-- Generated from the settings schemas in libs/config by \`npm run docs:config\`; do not edit by hand. -->

Every app reads its settings from environment variables once, at boot, and
refuses to start when one is invalid, listing every problem at once. Where a
value comes from, highest first:

1. \`API__X\`, \`WORKER__X\`, \`SCHEDULER__X\` or \`CLI__X\`: the app's own prefix, so
   one environment can hold different values for different apps;
2. plain \`X\`;
3. the \`.env\` file in the working directory (read only when \`APP_ENV\` is \`local\` or \`test\`);
4. the built-in local default (only when \`APP_ENV\` is \`local\` or \`test\`), then the schema's default.

An empty value counts as unset. With \`APP_ENV\` \`ci\`, \`staging\` or
\`production\` there are no local defaults, so every setting marked *required*
below must be set. Settings marked *secret* are never written to logs or error
messages. [\`.env.example\`](../.env.example) lists every setting with its
local default; [operations.md](operations.md) covers deployment and rotation
of keys and secrets.`;

function renderGroup(key: string, rows: Row[]): string {
  const lines = [
    `## ${GROUP_TITLES[key] ?? key}`,
    '',
    '| Variable | Apps | Type / values | Default | Production | Description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      [
        `\`${row.name}\`${row.secret ? ' (secret)' : ''}`,
        row.apps.join(', '),
        row.values,
        row.defaultValue,
        row.production,
        row.description,
      ]
        .map(tableCell)
        .join(' | '),
    ),
  ];
  return lines
    .map((line) => (line.startsWith('| ') || line.startsWith('#') || !line ? line : `| ${line} |`))
    .join('\n');
}

/** Pipes escaped; `<...>` outside code spans shown as text rather than taken for HTML. */
function tableCell(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

function rowOf(name: string, spec: SettingSpec, requiredByRule: string | undefined): Row {
  const meta = metaOf(spec.schema);
  const description = typeof meta.description === 'string' ? meta.description : '';
  if (!description) throw new Error(`${name} has no description: add .describe() to its schema in libs/config`);
  const json = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const optional = spec.schema.safeParse(undefined).success;
  return {
    name,
    apps: APPS.filter((app) => APP_CONCERNS[app].some((concern) => name in concern.specs)),
    values: typeof meta.values === 'string' ? meta.values : valuesOf(json),
    defaultValue: defaultOf(json, spec),
    production: !optional ? 'required' : requiredByRule ? `required${requiredByRule}` : 'optional',
    description,
    secret: spec.secret === true,
  };
}

function appEnvRow(): Row {
  return {
    name: 'APP_ENV',
    apps: [...APPS],
    values: APP_ENVS.map((env) => `\`${env}\``).join(', '),
    defaultValue: '`local`',
    production: 'set it to `production`',
    description: 'Where the app runs; outside `local` and `test` the .env file and the local defaults are not used',
    secret: false,
  };
}

/**
 * Settings a concern's cross-setting rules demand when nothing is set (JWT_SECRET,
 * unless JWT_SECRETS or JWT_JWKS_URL): name -> the rule's own wording after "is required".
 */
function requiredByCrossRules(concern: SettingsConcern): Map<string, string> {
  const unset = Object.fromEntries(
    Object.entries(concern.specs).map(([name, spec]) => [name, spec.schema.safeParse(undefined).data]),
  );
  const found = new Map<string, string>();
  for (const problem of concern.check?.(unset as never, false) ?? []) {
    const match = /^([A-Z0-9_]+): is required(.*)$/.exec(problem);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
}

/** The schema's own metadata merged over its inner schemas' (optional, default, pipe input). */
function metaOf(schema: z.ZodType): Record<string, unknown> {
  const def = (schema as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  const inner = def.innerType ?? def.in;
  return { ...(inner ? metaOf(inner) : {}), ...(z.globalRegistry.get(schema) ?? {}) };
}

function valuesOf(json: JsonSchema): string {
  if (json.enum) return json.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (json.type === 'integer' || json.type === 'number') {
    const min = json.minimum ?? (json.exclusiveMinimum !== undefined ? json.exclusiveMinimum + 1 : undefined);
    const max = json.maximum !== undefined && json.maximum < NO_LIMIT ? json.maximum : undefined;
    if (min !== undefined && max !== undefined) return `${json.type} ${min}-${max}`;
    if (min !== undefined) return `${json.type} >= ${min}`;
    return json.type;
  }
  if (json.format === 'uri') return 'http(s) URL';
  if (json.pattern) return `string matching \`${json.pattern}\``;
  if ((json.minLength ?? 0) > 1) return `string of at least ${json.minLength} characters`;
  return json.minLength === 1 ? 'non-empty string' : 'string';
}

function defaultOf(json: JsonSchema, spec: SettingSpec): string {
  if (spec.localDefault !== undefined) return `local/test only: ${shown(spec.localDefault)}`;
  if (json.default === undefined) return 'unset';
  return shown(json.default);
}

function shown(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text === '' ? 'empty' : `\`${text}\``;
}
