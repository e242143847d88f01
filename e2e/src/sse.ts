import { JOB_STREAM_EVENTS } from '@copilot/queues';

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
        conformsToContract(event);
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

/**
 * Every job event a test reads must be what the contract (and so the OpenAPI document
 * and the client's types) says: an event that drifts from it fails the test that saw it.
 */
function conformsToContract(event: SseEvent): void {
  if (!Object.hasOwn(JOB_STREAM_EVENTS, event.event)) return; // `message`, and types a test sends itself
  const checked = JOB_STREAM_EVENTS[event.event as keyof typeof JOB_STREAM_EVENTS].safeParse(event.data);
  if (!checked.success) {
    throw new Error(
      `the ${event.event} event ${JSON.stringify(event.data)} breaks its contract: ${checked.error.message}`,
    );
  }
}
