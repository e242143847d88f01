import type { Dispatcher } from 'undici';
import { elapsedMs } from './stats';

/**
 * Sends one request and resolves with the milliseconds until the response body first
 * contains `marker` (a streamed token), then reads the rest so the stream ends cleanly.
 */
export async function timeToMarker(
  client: Dispatcher,
  request: Dispatcher.RequestOptions,
  marker: string,
): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await client.request(request);
  if (response.statusCode >= 300) {
    throw new Error(`${request.method} ${request.path} answered ${response.statusCode}: ${await response.body.text()}`);
  }
  let seen = '';
  let firstAt: number | undefined;
  for await (const chunk of response.body) {
    if (firstAt !== undefined) continue;
    // Keep only a tail long enough to find a marker split across chunks.
    seen = (seen + (chunk as Buffer).toString()).slice(-(marker.length + 4096));
    if (seen.includes(marker)) firstAt = elapsedMs(start);
  }
  if (firstAt === undefined)
    throw new Error(`the stream of ${request.path} ended without ${marker}: ${seen.slice(-600)}`);
  return firstAt;
}
