import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { parseOutboundUrl, UrlFetchError, vetAddress } from '@copilot/retrieval';
import type { OutboundRules } from './webhook-options';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** An answer was received (any status) or the attempt failed before one (`status` null). */
export interface WebhookResponse {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Longest part of a receiver's error answer kept in the delivery log. */
const ERROR_BODY_CHARS = 200;

/**
 * One POST to a receiver. The host is resolved and vetted at every attempt (a name
 * that now resolves to a private address is refused: DNS rebinding), and the
 * connection goes to the vetted address itself. Redirects are not followed.
 * Never throws: the outcome, failures included, is the delivery log's to record.
 */
export async function sendWebhook(request: WebhookRequest, rules: OutboundRules): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const url = parseOutboundUrl(request.url);
    const address = await Promise.race([
      vetAddress(url, rules.policy, rules.lookup),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
    const response = await post(url, address, request, signal);
    const status = response.statusCode ?? 0;
    const text = await readSome(response);
    const ok = status >= 200 && status <= 299;
    return {
      status,
      error: ok ? null : `HTTP ${status}${text ? `: ${text}` : ''}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    const message =
      signal.aborted && !(error instanceof UrlFetchError)
        ? `no answer within ${request.timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    return { status: null, error: message, durationMs: elapsed() };
  }
}

function post(
  url: URL,
  to: { address: string; family: 4 | 6 },
  request: WebhookRequest,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? https : http).request(
      {
        host: to.address,
        family: to.family,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...request.headers, host: url.host, 'content-length': Buffer.byteLength(request.body) },
        // The certificate is checked against servername; SNI must not be an IP literal.
        ...(secure && !isIP(hostname) ? { servername: hostname } : {}),
        // No pooled sockets: a kept-alive connection is keyed by host name, not by the vetted address.
        agent: false,
        signal,
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The start of the answer (for the log), without waiting for a large or endless body. */
async function readSome(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const part of response as AsyncIterable<Buffer>) {
    text += part.toString('utf8');
    if (text.length >= ERROR_BODY_CHARS) break;
  }
  response.destroy();
  return text.slice(0, ERROR_BODY_CHARS).replace(/\s+/g, ' ').trim();
}
