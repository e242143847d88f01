/**
 * Fetches a user-supplied document URL without letting it reach the platform's
 * own network (SSRF): the hostname is resolved here, every address is vetted,
 * and the connection goes to the vetted address itself, so a second DNS answer
 * (DNS rebinding) never comes into play. Redirects are followed by hand and
 * vetted hop by hop. Time and size are capped for the whole fetch.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  type AddressPolicy,
  addressRange,
  DEFAULT_ADDRESS_POLICY,
  normaliseAddress,
  type VettedAddress,
} from './address-policy';
import { filenameOf, mediaTypeOf } from './content-headers';
import { UrlFetchError } from './url-fetch-error';

export type HostLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface FetchDocumentOptions {
  maxBytes: number;
  /** For the whole fetch: DNS, connections, redirects and the body. */
  timeoutMs: number;
  /** Default 3. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Default: public unicast addresses only (DEFAULT_ADDRESS_POLICY). */
  policy?: AddressPolicy;
  /** Default: the system resolver (node:dns lookup, all addresses). */
  lookup?: HostLookup;
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

export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchedDocument> {
  const policy = options.policy ?? DEFAULT_ADDRESS_POLICY;
  const lookup = options.lookup ?? systemLookup;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new FetchDeadline(options.timeoutMs, options.signal);
  try {
    let target = parseOutboundUrl(url);
    for (let redirects = 0; ; redirects++) {
      const address = await deadline.race(vetAddress(target, policy, lookup));
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

/**
 * Parses (and for redirects, resolves against the previous hop) an http(s) URL without
 * credentials. Exported for other outbound requests to user URLs (webhooks).
 */
export function parseOutboundUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new UrlFetchError('invalid_url', 'not a valid URL', { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlFetchError('invalid_url', `only http and https URLs can be fetched, not ${url.protocol}`);
  }
  // Credentials would be sent to whoever the URL (or a redirect) names; and they make
  // `http://trusted@evil/` phishing-style URLs possible.
  if (url.username || url.password) throw new UrlFetchError('invalid_url', 'URLs with credentials are refused');
  if (!url.hostname) throw new UrlFetchError('invalid_url', 'the URL has no host');
  return url;
}

/**
 * The address to connect to. Literal IPs are judged as they are (the WHATWG parser
 * has already turned decimal, hex and octal forms into dotted quads); names are
 * resolved once, and refused if ANY address is refused: otherwise an attacker's
 * name could list one public and one internal address and let the OS pick.
 */
export async function vetAddress(url: URL, policy: AddressPolicy, lookup: HostLookup): Promise<VettedAddress> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = normaliseAddress(host);
  if (literal || isIP(host)) return check([literal ?? { address: host, family: 4 }], policy, url);
  let resolved: { address: string; family: number }[];
  try {
    resolved = await lookup(host);
  } catch (cause) {
    throw new UrlFetchError('network', `cannot resolve ${host}`, { cause });
  }
  const addresses = resolved.map((r) => normaliseAddress(r.address) ?? { address: r.address, family: 4 as const });
  if (addresses.length === 0) throw new UrlFetchError('network', `${host} has no addresses`);
  return check(addresses, policy, url);
}

function check(addresses: VettedAddress[], policy: AddressPolicy, url: URL): VettedAddress {
  const refused = addresses.find((a) => !policy.allows(a.address));
  if (refused) {
    const message = `${url.hostname} is refused: ${refused.address} is ${addressRange(refused.address)}`;
    throw new UrlFetchError('refused_address', message);
  }
  return addresses[0]!;
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
