export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads an SSE response until `until` says stop or the server closes it. */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  until: (events: SseEvent[]) => boolean = (events) => events.some((e) => e.event === 'done' || e.event === 'error'),
  request: { method?: string; body?: string } = {},
): Promise<{ status: number; contentType: string | null; headers: Headers; events: SseEvent[] }> {
  const controller = new AbortController();
  const response = await fetch(url, { ...request, headers, signal: controller.signal });
  const events: SseEvent[] = [];
  if (!response.ok || !response.body)
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      headers: response.headers,
      events,
    };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { event: 'message', data: null };
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').replace(/^ /, '');
          if (field === 'id') event.id = value;
          if (field === 'event') event.event = value;
          if (field === 'data') data += value;
        }
        if (!data && !event.id) continue;
        event.data = data ? JSON.parse(data) : null;
        events.push(event);
      }
      if (until(events)) break;
    }
  } finally {
    controller.abort();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    events,
  };
}
