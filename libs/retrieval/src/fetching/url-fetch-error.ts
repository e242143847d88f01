export type UrlFetchErrorReason =
  | 'refused_address' // the host is (or resolves to) an address the policy forbids
  | 'invalid_url' // not an absolute http(s) URL, or it carries credentials
  | 'too_large' // the body (or its Content-Length) exceeds maxBytes
  | 'timeout' // the whole fetch, redirects included, took longer than timeoutMs
  | 'http_error' // a non-2xx answer (status set), or a redirect without a Location
  | 'too_many_redirects'
  | 'network' // DNS failure, connection refused or reset, TLS failure, body cut short
  | 'cancelled'; // the caller's signal aborted

/** Why a document URL could not be fetched; `reason` is what callers (and users) act on. */
export class UrlFetchError extends Error {
  constructor(
    readonly reason: UrlFetchErrorReason,
    message: string,
    readonly details: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'UrlFetchError';
  }

  get status(): number | undefined {
    return this.details.status;
  }
}
