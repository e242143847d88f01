import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { JOB_EVENT_TYPES } from '@copilot/queues';
import { OPENAPI_FILE } from './openapi-file';

type Media = { schema?: { $ref?: string; example?: unknown }; example?: unknown; examples?: object };
type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: object[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string }[];
  components: {
    schemas: Record<string, { example?: unknown; oneOf?: { $ref: string }[]; properties?: Record<string, unknown> }>;
  };
};

const document = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
);
const PUBLIC = ['GET /health', 'GET /ready', 'GET /version', 'GET /metrics'];
const STREAMS = ['POST /v1/conversations/{id}/messages', 'GET /v1/jobs/{id}/events'];

/** An example for this media: its own, or its schema's (inline or on the referenced component). */
function hasExample(media: Media): boolean {
  if (media.example !== undefined || media.examples || media.schema?.example !== undefined) return true;
  const component = media.schema?.$ref?.replace('#/components/schemas/', '');
  return component !== undefined && document.components.schemas[component]?.example !== undefined;
}

describe('the OpenAPI contract', () => {
  it('documents every route of the REST table, and nothing it must leave out', () => {
    const routes = operations.map((o) => o.route);
    expect(routes).toEqual(
      expect.arrayContaining([
        ...PUBLIC,
        ...STREAMS,
        'POST /v1/api-keys',
        'POST /v1/api-keys/{id}/rotate',
        'GET /v1/admin/jobs',
        'POST /v1/collections/{id}/documents',
        'POST /v1/search',
        'GET /v1/usage',
        'PUT /v1/provider-keys/{provider}',
        'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
      ]),
    );
    expect(routes.filter((route) => /\/admin\/queues|\/openai\//.test(route))).toEqual([]);
  });

  it.each(operations)('$route has a summary, an operationId, known tags and its security', ({ route, operation }) => {
    expect(operation.summary).toBeTruthy();
    expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    expect(operation.tags?.length).toBeGreaterThan(0);
    for (const tag of operation.tags!) expect(document.tags.map((t) => t.name)).toContain(tag);
    expect(operation.security).toEqual(PUBLIC.includes(route) ? [] : expect.arrayContaining([expect.any(Object)]));
    if (!PUBLIC.includes(route))
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '429']));
  });

  it.each(operations)('$route answers errors as problem+json with the shared Problem schema', ({ operation }) => {
    const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, response] of errors) {
      expect({ status, content: response.content }).toEqual({
        status,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
  });

  it.each(operations)('$route has examples for its request body and its answers', ({ route, operation }) => {
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      if (type === 'application/json')
        expect({ route, type, example: hasExample(media) }).toMatchObject({ example: true });
    }
    const successes = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
    expect(successes.length).toBeGreaterThan(0);
    for (const [status, response] of successes) {
      for (const media of Object.values(response.content ?? {}))
        expect({ route, status, example: hasExample(media) }).toMatchObject({ example: true });
    }
  });

  it('documents the event streams as text/event-stream', () => {
    for (const { route, operation } of operations.filter((o) => STREAMS.includes(o.route))) {
      expect({ route, types: Object.keys(operation.responses['200']?.content ?? {}) }).toEqual({
        route,
        types: ['text/event-stream'],
      });
    }
  });

  it('types each stream event from the job contract: one variant per event type, discriminated by type', () => {
    const schemas = document.components.schemas;
    const typesOf = (union: string) =>
      schemas[union]!.oneOf!.map((variant) => {
        const component = schemas[variant.$ref.replace('#/components/schemas/', '')]!;
        return (component.properties!['type'] as { enum: string[] }).enum;
      });
    const jobEvents = JOB_EVENT_TYPES.map((type) => [type]);
    expect(typesOf('JobStreamEvent')).toEqual(jobEvents);
    expect(typesOf('MessageStreamEvent')).toEqual([['message'], ...jobEvents]);
    const schemaOf = (route: string) =>
      operations.find((o) => o.route === route)!.operation.responses['200']!.content!['text/event-stream']!.schema;
    expect(schemaOf('GET /v1/jobs/{id}/events')).toEqual({ $ref: '#/components/schemas/JobStreamEvent' });
    expect(schemaOf('POST /v1/conversations/{id}/messages')).toEqual({
      $ref: '#/components/schemas/MessageStreamEvent',
    });
  });
});
