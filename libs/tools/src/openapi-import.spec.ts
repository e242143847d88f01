import { InvalidInput } from '@copilot/errors';
import { readOpenApiDocument, toolsFromOpenApi } from './openapi-import';
import type { ToolDefinition } from './tool-definition';

const petstore = `
openapi: 3.0.3
info: { title: Pets, version: '1' }
servers: [{ url: 'https://pets.example.com/v1/' }]
paths:
  /pets/{petId}:
    parameters:
      - { name: petId, in: path, required: true, schema: { type: string }, description: The pet }
    get:
      operationId: getPet
      summary: Get a pet
      parameters:
        - { name: fields, in: query, schema: { type: string } }
        - { name: X-Trace, in: header, schema: { type: string } }
    put:
      operationId: updatePet
      parameters:
        - { name: dryRun, in: query, schema: { type: boolean } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
  /pets:
    post:
      summary: no id here
    patch:
      operationId: tagPets
      requestBody:
        content:
          application/json:
            schema: { type: array, items: { type: string } }
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object }
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: { type: string, nullable: true, example: Rex }
        owner: { $ref: '#/components/schemas/Owner' }
    Owner:
      type: object
      properties: { email: { type: string, format: email } }
`;

describe('tools from an OpenAPI document', () => {
  const imported = toolsFromOpenApi(readOpenApiDocument(petstore), { timeoutMs: 5000, namePrefix: 'pets_' });
  const tool = (id: string) =>
    imported.find((i) => i.operationId === id && 'tool' in i) as unknown as {
      tool: ToolDefinition & { http: Record<string, unknown> };
    };

  it('makes one http tool per operation, with path and query parameters as arguments', () => {
    expect(tool('getPet').tool).toEqual({
      name: 'pets_getPet',
      description: 'Get a pet',
      parameters: {
        type: 'object',
        properties: { petId: { type: 'string', description: 'The pet' }, fields: { type: 'string' } },
        required: ['petId'],
      },
      kind: 'http',
      http: {
        method: 'GET',
        urlTemplate: 'https://pets.example.com/v1/pets/{petId}',
        headers: {},
        query: ['fields'],
        source: { openapi: { operationId: 'getPet', path: '/pets/{petId}' } },
      },
      idempotent: true,
      timeoutMs: 5000,
    });
  });

  it("merges a JSON body's properties into the arguments, with $refs resolved and 3.0-only keywords dropped", () => {
    const update = tool('updatePet').tool;
    expect(update.parameters).toEqual({
      type: 'object',
      properties: {
        petId: { type: 'string', description: 'The pet' },
        dryRun: { type: 'boolean' },
        name: { type: 'string' },
        owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } } },
      },
      required: ['petId', 'name'],
    });
    expect(update.http).toMatchObject({ method: 'PUT', query: ['dryRun'] });
    expect(tool('tagPets').tool.http.bodyArgument).toBe('body');
    expect(tool('tagPets').tool.idempotent).toBe(false);
  });

  it('reports operations it cannot import, and refuses what is not an OpenAPI 3 document', () => {
    expect(imported.filter((i) => 'skipped' in i)).toEqual([
      { operationId: null, path: '/pets', method: 'POST', skipped: 'no operationId' },
      { operationId: 'upload', path: '/upload', method: 'POST', skipped: 'its request body is not JSON' },
    ]);
    expect(() => readOpenApiDocument('swagger: "2.0"')).toThrow(InvalidInput);
    expect(() => readOpenApiDocument('{ not yaml: [')).toThrow('not JSON or YAML');
    expect(() => toolsFromOpenApi(readOpenApiDocument(petstore), { timeoutMs: 1, operations: ['nope'] })).toThrow(
      'no such operations: nope',
    );
    const noServer = readOpenApiDocument({ openapi: '3.1.0', paths: {} });
    expect(() => toolsFromOpenApi(noServer, { timeoutMs: 1 })).toThrow('give baseUrl');
  });
});
