import type { McpServer } from '@copilot/persistence';
import { mcpOutputOf } from './mcp-output';
import { candidateServerNames, exposedToolsOf, normaliseListedTools } from './mcp-tools';

const server = (name: string, tools: unknown[], allowedTools: string[] = []) =>
  ({ id: 'id', name, allowedTools, tools }) as unknown as McpServer;
const tool = (name: string, inputSchema: unknown = { type: 'object' }) => ({ name, description: '', inputSchema });

describe('MCP tool names', () => {
  it('offers <server>__<tool>, only the allowed ones, and skips names the model vendors refuse', () => {
    const tools = [
      tool('echo'),
      tool('get-sum'),
      tool('has space'),
      tool('x'.repeat(60)),
      tool('arr', { type: 'array' }),
    ];
    expect(exposedToolsOf(server('kit', tools)).map((t) => t.exposedName)).toEqual(['kit__echo', 'kit__get-sum']);
    expect(exposedToolsOf(server('kit', tools, ['get-sum', 'gone'])).map((t) => t.exposedName)).toEqual([
      'kit__get-sum',
    ]);
  });

  it('tries every split of a name, since server and tool names may both hold __', () => {
    expect(candidateServerNames('a__b__c')).toEqual(['a', 'a__b']);
    expect(candidateServerNames('plain')).toEqual([]);
    expect(candidateServerNames('__lead')).toEqual([]);
    expect(candidateServerNames('__a__b')).toEqual(['__a']);
    expect(candidateServerNames('a___b')).toEqual(['a', 'a_']);
  });

  it('stores listed tools without $schema, with a permissive schema when there is none, and boolean hints only', () => {
    expect(
      normaliseListedTools([
        {
          name: 'a',
          inputSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
          annotations: { idempotentHint: true, title: 'A', openWorldHint: false, readOnlyHint: 'yes' },
        },
        { name: 'b', description: 'B' },
      ]),
    ).toEqual([
      { name: 'a', description: '', inputSchema: { type: 'object' }, annotations: { idempotentHint: true } },
      { name: 'b', description: 'B', inputSchema: { type: 'object' } },
    ]);
  });
});

describe('mcpOutputOf', () => {
  it('joins text parts, summarises others without their data, and maps isError', () => {
    const out = mcpOutputOf({
      isError: true,
      content: [
        { type: 'text', text: 'one' },
        { type: 'image', mimeType: 'image/png', data: 'AAAA' },
        { type: 'resource', resource: { uri: 'file:///x', blob: 'AAAAAAAA' } },
      ],
    });
    expect(out.status).toBe('error');
    expect(out.output.split('\n')).toEqual([
      'one',
      '{"type":"image","mimeType":"image/png","bytes":3}',
      '{"type":"resource","resource":{"uri":"file:///x","bytes":6}}',
    ]);
  });

  it('falls back to structured content', () => {
    expect(mcpOutputOf({ content: [], structuredContent: { n: 1 } })).toEqual({ status: 'ok', output: '{"n":1}' });
  });
});
