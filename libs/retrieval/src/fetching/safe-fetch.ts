/**
 * Fetches a user-supplied document URL without letting it reach the platform's
 * own network (SSRF), under the egress policy (@copilot/egress): the hostname is
 * resolved here, every address is vetted, and the connection goes to the vetted
 * address itself, so a second DNS answer (DNS rebinding) never comes into play. Redirects are followed by hand and
 * vetted hop by hop. Time and size are capped for the whole fetch.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  EgressError,
  egressRules,
  type EgressRules,
  parseOutboundUrl,
  type VettedAddress,
  vetAddress,
} from '@copilot/egress';
import { filenameOf, mediaTypeOf } from './content-headers';
import { UrlFetchError } from './url-fetch-error';

export interface FetchDocumentOptions {
  maxBytes: number;
  /** For the whole fetch: DNS, connections, redirects and the body. */
  timeoutMs: number;
  /** Default 3. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** The egress policy (EGRESS_ALLOWED_HOSTS); default: public addresses only, the system resolver. */
  rules?: EgressRules;
}

export interface FetchedDocument {
  bytes: Buffer;
  /** Content-Type without parameters, lower-cased; `application/octet-stream` when absent. */
  mediaType: string;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  filename?: string;
}

const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const PUBLIC_ONLY = egressRules();

export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchedDocument> {
  const rules = options.rules ?? PUBLIC_ONLY;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new FetchDeadline(options.timeoutMs, options.signal);
  try {
    let target = parseOutboundUrl(url);
    for (let redirects = 0; ; redirects++) {
      const address = await deadline.race(vetAddress(target, rules));
      const response = await send(target, address, deadline.signal);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        // The body of a redirect is never wanted; closing the socket is cheaper than draining it.
        response.destroy();
        const location = response.headers.location;
        if (!location) throw new UrlFetchError('http_error', `HTTP ${status} without a Location`, { status });
        if (redirects >= maxRedirects) {
          throw new UrlFetchError('too_many_redirects', `more than ${maxRedirects} redirects`);
        }
        target = parseOutboundUrl(location, target);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new UrlFetchError('http_error', `HTTP ${status} from ${target.hostname}`, { status });
      }
      const bytes = await readCapped(response, options.maxBytes, deadline.signal);
      return {
        bytes,
        mediaType: mediaTypeOf(response.headers['content-type']),
        finalUrl: target.href,
        ...optional('filename', filenameOf(header(response, 'content-disposition'), target)),
      };
    }
  } catch (err) {
    throw deadline.classify(err);
  } finally {
    deadline.dispose();
  }
}

/** One GET to the vetted address; Host header and TLS SNI/certificate check keep the URL's hostname. */
function send(url: URL, to: VettedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        host: to.address,
        family: to.family,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          host: url.host,
          accept: '*/*',
          // Compressed bodies would make maxBytes count the wire, not the document.
          'accept-encoding': 'identity',
          'user-agent': 'CopilotPlatform-DocumentFetcher/1.0',
        },
        // The certificate is checked against servername; SNI must not be an IP literal.
        ...(secure && !isIP(hostname) ? { servername: hostname } : {}),
        // No pooled sockets: a kept-alive connection is keyed by host name, not by the vetted address.
        agent: false,
        signal,
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

/** Reads the body, giving up as soon as it is known to exceed maxBytes. */
async function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = () => new UrlFetchError('too_large', `the document is larger than ${maxBytes} bytes`);
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  // The request's signal tears the socket down; this makes sure the body iteration notices.
  const onAbort = () => response.destroy(new Error('aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of response as AsyncIterable<Buffer>) {
      size += part.length;
      if (size > maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      parts.push(part);
    }
    if (!response.complete) throw new UrlFetchError('network', 'the connection closed before the body was complete');
    return Buffer.concat(parts, size);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The whole fetch's time limit combined with the caller's signal. Whatever a step
 * throws after either fired is reported as `timeout` or `cancelled`, not as the
 * socket error the abort caused.
 */
class FetchDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, timeoutMs);
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Settles like `work`, or rejects at once when the deadline or the caller aborts (DNS lookups cannot be aborted). */
  race<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.signal.aborted) reject(new Error('aborted'));
      const abort = () => reject(new Error('aborted'));
      this.signal.addEventListener('abort', abort, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', abort));
    });
  }

  classify(err: unknown): UrlFetchError {
    if (this.caller?.aborted) return new UrlFetchError('cancelled', 'the fetch was cancelled', { cause: err });
    if (this.expired) {
      return new UrlFetchError('timeout', `the fetch took longer than ${this.timeoutMs} ms`, { cause: err });
    }
    if (err instanceof UrlFetchError) return err;
    if (err instanceof EgressError) return new UrlFetchError(err.reason, err.message, { cause: err });
    const message = err instanceof Error ? err.message : String(err);
    return new UrlFetchError('network', `the fetch failed: ${message}`, { cause: err });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
