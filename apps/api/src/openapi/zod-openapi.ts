import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** Where component schemas live in the document; zod's `id` metadata becomes the component's name. */
export const componentRef = (id: string) => `#/components/schemas/${id}`;

const INT32_MAX = 2 ** 31 - 1;
// A UUID, and an ISO 8601 time with offset and fraction, are never longer than these.
const FORMAT_MAX_LENGTH: Record<string, number> = { uuid: 36, 'date-time': 35 };

/**
 * zod's JSON Schema output made to say what the api does on the wire: a Date (coerced
 * from a query string, or returned by a presenter) is an ISO date-time string;
 * integers name their width; UUIDs and date-times state the length their format implies.
 */
const override: NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] = ({ zodSchema, jsonSchema }) => {
  const schema = jsonSchema as SchemaObject;
  if (zodSchema._zod.def.type === 'date') Object.assign(schema, { type: 'string', format: 'date-time' });
  if (schema.type === 'integer' && !schema.format) {
    const fits32 = (schema.maximum ?? Infinity) <= INT32_MAX && (schema.minimum ?? -Infinity) >= -INT32_MAX - 1;
    schema.format = fits32 ? 'int32' : 'int64';
  }
  // zod spells ISO date-times out as a long regular expression; the format says the same.
  if (schema.format === 'date-time') delete schema.pattern;
  const implied = schema.type === 'string' && schema.format ? FORMAT_MAX_LENGTH[schema.format] : undefined;
  if (implied && schema.maxLength === undefined) schema.maxLength = implied;
};

const options = (io: 'input' | 'output') =>
  ({ target: 'openapi-3.0', io, unrepresentable: 'any', override, uri: componentRef, reused: 'inline' }) as const;

/** One zod schema as an OpenAPI 3.0 schema object: request schemas with io 'input', responses with 'output'. */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return tidy(z.toJSONSchema(schema, options(io)));
}

/** Every schema of a registry as OpenAPI components, named by their `id`, referring to each other by $ref. */
export function toOpenApiComponents(registry: z.core.$ZodRegistry<{ id?: string }>): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(registry, options('output'));
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, tidy(schema)]));
}

/**
 * JSON Schema leftovers OpenAPI 3.0 does not take: `$schema` and `$id`; and a nullable
 * reference (`nullable` beside `allOf: [$ref]`) needs its `type` (3.0 ignores nullable without one).
 */
function tidy(value: unknown): SchemaObject {
  if (Array.isArray(value)) return value.map(tidy) as never;
  if (!value || typeof value !== 'object') return value as never;
  const { $schema: _, $id: __, ...rest } = value as Record<string, unknown>;
  const node = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, tidy(child)])) as SchemaObject;
  if (node.nullable && !node.type && node.allOf) node.type = 'object';
  return node;
}

/**
 * For SwaggerModule.createDocument: how the zod schemas given to `validate()` (request
 * bodies, queries, path parameters) become the operation's parameters and request body.
 */
export const zodSchemaConverter = (schema: unknown, { schemaType }: { schemaType: 'input' | 'output' }) =>
  schema instanceof z.ZodType ? { schema: toOpenApiSchema(schema, schemaType) } : undefined;
