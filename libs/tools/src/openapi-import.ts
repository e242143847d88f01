import { InvalidInput } from '@copilot/errors';
import { parse as parseYaml } from 'yaml';
import { HTTP_METHODS, type HttpMethod, type ToolDefinition } from './tool-definition';

/** One operation of the document as the tool it becomes, or why it was left out. */
export type ImportedOperation =
  | { operationId: string; tool: ToolDefinition }
  | { operationId: string | null; path: string; method: string; skipped: string };

export interface OpenApiImportOptions {
  /** Only these operationIds; absent: every operation. */
  operations?: string[];
  /** Where the API is; absent: the document's first server. */
  baseUrl?: string;
  /** Put before each tool's name (e.g. `shop_`), to keep names apart. */
  namePrefix?: string;
  timeoutMs: number;
}

type Json = Record<string, unknown>;

const MAX_REF_DEPTH = 20;
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The document as an object: JSON or YAML text, or already parsed. */
export function readOpenApiDocument(source: unknown): Json {
  let document: unknown = source;
  if (typeof source === 'string') {
    try {
      document = parseYaml(source); // YAML is a superset of JSON
    } catch (error) {
      throw new InvalidInput([{ field: 'body.document', message: `not JSON or YAML: ${(error as Error).message}` }]);
    }
  }
  if (!isObject(document) || typeof document['openapi'] !== 'string' || !document['openapi'].startsWith('3.')) {
    throw new InvalidInput([
      { field: 'body.document', message: 'expected an OpenAPI 3.x document (an `openapi: 3.x` field)' },
    ]);
  }
  if (!isObject(document['paths']))
    throw new InvalidInput([{ field: 'body.document', message: 'the document has no paths' }]);
  return document;
}

/**
 * One `http` tool per operation: its operationId as the name, its summary or
 * description as what the model is told, its path and query parameters and its JSON
 * request body's properties as the arguments (a body that is not an object becomes
 * the `body` argument). Local `$ref`s are resolved; operations without an
 * operationId, or with a body that is not JSON, are reported as skipped.
 */
export function toolsFromOpenApi(document: Json, options: OpenApiImportOptions): ImportedOperation[] {
  const baseUrl = (options.baseUrl ?? firstServer(document))?.replace(/\/+$/, '');
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
    throw new InvalidInput([
      { field: 'body.baseUrl', message: 'the document names no absolute http(s) server: give baseUrl' },
    ]);
  }
  const wanted = options.operations ? new Set(options.operations) : null;
  const imported: ImportedOperation[] = [];
  for (const [path, item] of Object.entries(document['paths'] as Json)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      const operationId = typeof operation['operationId'] === 'string' ? operation['operationId'] : null;
      if (wanted && (!operationId || !wanted.has(operationId))) continue;
      const skip = (skipped: string) => imported.push({ operationId, path, method, skipped });
      if (!operationId) {
        skip('no operationId');
        continue;
      }
      const name = `${options.namePrefix ?? ''}${operationId}`;
      if (!NAME.test(name)) {
        skip(`the name ${name} is not 1-64 letters, digits, _ or -`);
        continue;
      }
      const tool = toolOf(document, { path, method, operation, shared, name, baseUrl, timeoutMs: options.timeoutMs });
      if (typeof tool === 'string') skip(tool);
      else imported.push({ operationId, tool });
    }
  }
  if (wanted) {
    const found = new Set(imported.map((i) => i.operationId));
    const missing = [...wanted].filter((id) => !found.has(id));
    if (missing.length) {
      throw new InvalidInput([{ field: 'body.operations', message: `no such operations: ${missing.join(', ')}` }]);
    }
  }
  return imported;
}

function toolOf(
  document: Json,
  op: {
    path: string;
    method: HttpMethod;
    operation: Json;
    shared: unknown[];
    name: string;
    baseUrl: string;
    timeoutMs: number;
  },
): ToolDefinition | string {
  const properties: Json = {};
  const required: string[] = [];
  const query: string[] = [];
  let bodyArgument: string | undefined;
  const parameters = [...op.shared, ...(Array.isArray(op.operation['parameters']) ? op.operation['parameters'] : [])];
  for (const raw of parameters) {
    const parameter = resolve(document, raw);
    if (!isObject(parameter) || typeof parameter['name'] !== 'string') continue;
    const where = parameter['in'];
    if (where !== 'path' && where !== 'query') continue; // headers and cookies are the tool's, not the model's
    const name = parameter['name'];
    if (!/^[a-zA-Z0-9_]+$/.test(name)) return `the parameter ${name} is not a plain name`;
    properties[name] = {
      ...(isObject(parameter['schema']) ? (inline(document, parameter['schema']) as Json) : { type: 'string' }),
      ...(typeof parameter['description'] === 'string' ? { description: parameter['description'] } : {}),
    };
    if (where === 'query') query.push(name);
    if (where === 'path' || parameter['required'] === true) required.push(name);
  }
  const body = resolve(document, op.operation['requestBody']);
  if (isObject(body) && isObject(body['content'])) {
    const json = Object.entries(body['content']).find(([type]) => /^application\/(.+\+)?json/.test(type));
    if (!json) return 'its request body is not JSON';
    const schema = inline(document, (json[1] as Json)?.['schema'] ?? {}) as Json;
    if (schema['type'] === 'object' && isObject(schema['properties'])) {
      Object.assign(properties, schema['properties']);
      if (Array.isArray(schema['required'])) required.push(...(schema['required'] as string[]));
    } else {
      properties['body'] = schema;
      bodyArgument = 'body';
      if (body['required'] === true) required.push('body');
    }
  }
  const summary = [op.operation['summary'], op.operation['description']].find((t) => typeof t === 'string') as
    string | undefined;
  return {
    name: op.name,
    description: (summary ?? `${op.method} ${op.path}`).slice(0, 4000),
    parameters: { type: 'object', properties, ...(required.length ? { required: [...new Set(required)] } : {}) },
    kind: 'http',
    http: {
      method: op.method,
      urlTemplate: `${op.baseUrl}${op.path}`,
      headers: {},
      ...(query.length ? { query } : {}),
      ...(bodyArgument ? { bodyArgument } : {}),
      source: { openapi: { operationId: String(op.operation['operationId']), path: op.path } },
    },
    idempotent: op.method === 'GET' || op.method === 'PUT' || op.method === 'DELETE',
    timeoutMs: op.timeoutMs,
  };
}

function firstServer(document: Json): string | undefined {
  const servers = document['servers'];
  const first = Array.isArray(servers) ? servers[0] : undefined;
  return isObject(first) && typeof first['url'] === 'string' ? first['url'] : undefined;
}

/** A `{ $ref: '#/...' }` replaced by what it points to (one level). */
function resolve(document: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value['$ref'] !== 'string') return value;
  const ref = value['$ref'];
  if (!ref.startsWith('#/')) return {};
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node ?? {};
}

/** A schema with its local `$ref`s inlined (cycles and remote refs become `{}`). */
function inline(document: Json, schema: unknown, depth = 0): unknown {
  if (depth > MAX_REF_DEPTH) return {};
  if (Array.isArray(schema)) return schema.map((item) => inline(document, item, depth + 1));
  if (!isObject(schema)) return schema;
  if (typeof schema['$ref'] === 'string') return inline(document, resolve(document, schema), depth + 1);
  return Object.fromEntries(
    Object.entries(schema)
      // OpenAPI 3.0 keywords that JSON Schema does not have.
      .filter(
        ([key]) =>
          !['nullable', 'example', 'xml', 'externalDocs', 'discriminator', 'readOnly', 'writeOnly'].includes(key),
      )
      .map(([key, value]) => [key, inline(document, value, depth + 1)]),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
