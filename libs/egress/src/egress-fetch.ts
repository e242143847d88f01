import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { EgressError } from './egress-error';
import type { EgressRules } from './egress-rules';
import { vetHost } from './outbound-url';

/** The WHATWG fetch signature the vendor SDKs take as their `fetch` option. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch whose every connection is vetted when it is made: the host (as named by
 * the URL, or by any redirect) is resolved here, each address is judged by the
 * rules, and the socket goes to the vetted address itself, with the URL's host name
 * kept for SNI and the certificate check. Checking at connect time rather than
 * before the request means neither a redirect nor a second DNS answer (rebinding)
 * can slip past. Pooled sockets are reused per origin, each vetted when it opened.
 */
export function createEgressFetch(rules: EgressRules): FetchFunction {
  const connect = buildConnector({});
  const dispatcher = new Agent({
    connect: (options, callback) => {
      vetHost(options.hostname, rules).then(
        (vetted) => connect({ ...options, hostname: vetted.address }, callback),
        (error: unknown) =>
          callback(error instanceof Error ? error : new EgressError('refused_address', String(error)), null),
      );
    },
  });
  // undici's own Request/Response types are the WHATWG ones, declared apart from lib.dom's.
  return ((input, init) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as FetchFunction;
}
