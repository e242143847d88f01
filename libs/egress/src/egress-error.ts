export type EgressErrorReason =
  | 'invalid_url' // not an absolute http(s) URL, or it carries credentials
  | 'refused_address' // the host is (or resolves to) an address the egress policy forbids
  | 'network'; // the host name does not resolve

/**
 * An outbound call was not made. Its message names the host and the kind of
 * address (loopback, private, ...), never the address a name resolved to: that
 * would let a tenant map the platform's internal DNS.
 */
export class EgressError extends Error {
  constructor(
    readonly reason: EgressErrorReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'EgressError';
  }
}

/** The EgressError somewhere in a chain of causes (SDKs and fetch wrap the connector's error twice). */
export function egressErrorIn(error: unknown): EgressError | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof EgressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
