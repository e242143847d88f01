import { Pool } from 'undici';
import { timeToMarker } from './first-chunk';
import { HttpClient } from './http-client';

/**
 * Time to first token of one chat message through the platform, as an SSE client sees
 * it: each sample posts to a conversation created before its clock starts, and the
 * clock covers the POST that streams until its first `token` event.
 */
export class ChatTtft {
  private readonly api: HttpClient;
  private readonly sse: Pool;

  constructor(
    apiUrl: string,
    private readonly apiKey: string,
  ) {
    this.api = new HttpClient(apiUrl, apiKey, 4);
    this.sse = new Pool(apiUrl, { connections: 2 });
  }

  async sample(): Promise<number> {
    const { id } = await this.api.json<{ id: string }>('POST', '/v1/conversations', { title: 'ttft' });
    return timeToMarker(
      this.sse,
      {
        method: 'POST',
        path: `/v1/conversations/${id}/messages`,
        headers: { 'x-api-key': this.apiKey, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'How quickly does the first token arrive?' }),
      },
      'event: token',
    );
  }

  /** `count` samples one after another: latency, not load. */
  async samples(count: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await this.sample());
    return samples;
  }

  async close(): Promise<void> {
    await Promise.all([this.api.close(), this.sse.close()]);
  }
}
