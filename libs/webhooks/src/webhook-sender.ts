import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { EgressError, type EgressRules, parseOutboundUrl, vetAddress } from '@copilot/egress';

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

/**
 * One POST to a receiver. The host is resolved and vetted at every attempt (a name
 * that now resolves to a private address is refused: DNS rebinding), and the
 * connection goes to the vetted address itself. Redirects are not followed.
 * The receiver's body is never read into the log the tenant reads: only its status
 * (a body could carry whatever the receiver, or a host behind it, wants to leak).
 * Never throws: the outcome, failures included, is the delivery log's to record.
 */
export async function sendWebhook(request: WebhookRequest, rules: EgressRules): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const url = parseOutboundUrl(request.url);
    const address = await Promise.race([
      vetAddress(url, rules),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
    const response = await post(url, address, request, signal);
    const status = response.statusCode ?? 0;
    response.destroy();
    const ok = status >= 200 && status <= 299;
    return { status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed() };
  } catch (error) {
    const message =
      signal.aborted && !(error instanceof EgressError)
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
