/** One dispatched Server-Sent Event, as the WHATWG HTML "event stream interpretation" defines it. */
export interface SseMessage {
  /** `event:` field; `message` when the server sent none. */
  event: string;
  data: string;
  /** The last event id seen so far (it persists across events, as in EventSource), '' when none. */
  lastEventId: string;
  /** True when this event itself carried an `id:` field. */
  hasId: boolean;
}

export interface SseParserHandlers {
  onEvent(message: SseMessage): void;
  /** A `retry:` field: the reconnection delay the server asks for, in milliseconds. */
  onRetry?(delayMs: number): void;
}

export interface SseParser {
  /** Feeds decoded text; chunks may split lines (and CRLF pairs) anywhere. */
  feed(text: string): void;
  /** Forgets a partial event, as a new connection does; the last event id is kept. */
  reset(): void;
}

/**
 * An incremental text/event-stream parser. Lines end in CRLF, LF or CR; a blank line
 * dispatches; `:` starts a comment; one space after the colon is dropped; an event
 * with no `data:` is not dispatched (but its `id:` still counts).
 */
export function createSseParser(handlers: SseParserHandlers): SseParser {
  let buffer = '';
  let atStart = true;
  let afterCr = false;
  let data: string[] = [];
  let eventType = '';
  let hasId = false;
  let lastEventId = '';

  const dispatch = () => {
    if (data.length > 0) {
      handlers.onEvent({ event: eventType || 'message', data: data.join('\n'), lastEventId, hasId });
    }
    data = [];
    eventType = '';
    hasId = false;
  };

  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventType = value;
    else if (field === 'id' && !value.includes('\0')) {
      lastEventId = value;
      hasId = true;
    } else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  };

  return {
    feed(text: string) {
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = text.length === 0;
      }
      // A CR ending the previous chunk already ended its line: skip the LF of that CRLF.
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (char === '\r') {
          if (i + 1 === buffer.length) afterCr = true;
          else if (buffer[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    reset() {
      buffer = '';
      atStart = true;
      afterCr = false;
      data = [];
      eventType = '';
      hasId = false;
    },
  };
}
