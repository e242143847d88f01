import { createSseParser, type SseMessage } from './sse-parser';

function parse(...chunks: string[]): { events: SseMessage[]; retries: number[] } {
  const events: SseMessage[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.feed(chunk);
  return { events, retries };
}

describe(createSseParser.name, () => {
  it('reads id, event and data, and defaults the type to message', () => {
    const { events } = parse('id: 1-0\nevent: token\ndata: {"text":"hi"}\n\ndata: plain\n\n');
    expect(events).toEqual([
      { event: 'token', data: '{"text":"hi"}', lastEventId: '1-0', hasId: true },
      { event: 'message', data: 'plain', lastEventId: '1-0', hasId: false },
    ]);
  });

  it('joins data lines with newlines and drops only one leading space', () => {
    expect(parse('data:a\ndata:  b\ndata\n\n').events[0]!.data).toBe('a\n b\n');
  });

  it('accepts CRLF, LF and CR line endings, also when a CRLF is split across chunks', () => {
    const { events } = parse('data: one\r', '\n\r', '\ndata: two\r\rdata: three\n\n');
    expect(events.map((e) => e.data)).toEqual(['one', 'two', 'three']);
  });

  it('reassembles events and lines split anywhere', () => {
    const text = 'id: 7-1\nevent: done\ndata: {"status":"succeeded"}\n\n';
    const { events } = parse(...text.split(''));
    expect(events).toEqual([{ event: 'done', data: '{"status":"succeeded"}', lastEventId: '7-1', hasId: true }]);
  });

  it('ignores comments, unknown fields and an event without data, but keeps its id', () => {
    const { events } = parse(': keep-alive\n\nfoo: bar\nid: 3-0\n\ndata: x\n\n');
    expect(events).toEqual([{ event: 'message', data: 'x', lastEventId: '3-0', hasId: false }]);
  });

  it('reports a numeric retry field and ignores any other', () => {
    expect(parse('retry: 1500\nretry: soon\n\n').retries).toEqual([1500]);
  });

  it('strips a leading byte order mark and ignores an id containing NUL', () => {
    const { events } = parse('\ufeffdata: a\nid: 1\0\n\n');
    expect(events).toEqual([{ event: 'message', data: 'a', lastEventId: '', hasId: false }]);
  });

  it('does not dispatch an event cut off before its blank line', () => {
    expect(parse('data: complete\n\ndata: cut').events.map((e) => e.data)).toEqual(['complete']);
  });
});
