import { isIP } from 'node:net';
import { addressRange, normaliseAddress, type VettedAddress } from './address-policy';
import { EgressError } from './egress-error';
import type { EgressRules } from './egress-rules';

/**
 * Parses (and for redirects, resolves against the previous hop) an http(s) URL without
 * credentials: credentials would be sent to whoever the URL (or a redirect) names, and
 * they make `http://trusted@evil/` phishing-style URLs possible.
 */
export function parseOutboundUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new EgressError('invalid_url', 'not a valid URL', { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressError('invalid_url', `only http and https URLs can be called, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new EgressError('invalid_url', 'URLs with credentials are refused');
  if (!url.hostname) throw new EgressError('invalid_url', 'the URL has no host');
  return url;
}

/** The address to connect to for `url`; see vetHost. */
export function vetAddress(url: URL, rules: EgressRules): Promise<VettedAddress> {
  return vetHost(url.hostname, rules);
}

/**
 * The address to connect to for a host. Literal IPs are judged as they are (the WHATWG
 * parser has already turned decimal, hex and octal forms into dotted quads); names are
 * resolved once, and refused if ANY address is refused: otherwise an attacker's name
 * could list one public and one internal address and let the OS pick. The caller
 * connects to the returned address itself, so a second DNS answer (rebinding) never
 * comes into play.
 */
export async function vetHost(hostname: string, rules: EgressRules): Promise<VettedAddress> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = normaliseAddress(host);
  if (literal || isIP(host)) {
    const address = literal ?? { address: host, family: 4 as const };
    if (rules.trustsHost(host) || rules.policy.allows(address.address)) return address;
    throw new EgressError(
      'refused_address',
      `${hostname} is refused: it is a ${addressRange(address.address)} address`,
    );
  }
  let resolved: { address: string; family: number }[];
  try {
    resolved = await rules.lookup(host);
  } catch (cause) {
    throw new EgressError('network', `cannot resolve ${host}`, { cause });
  }
  const addresses = resolved.map((r) => normaliseAddress(r.address) ?? { address: r.address, family: 4 as const });
  if (addresses.length === 0) throw new EgressError('network', `${host} has no addresses`);
  if (rules.trustsHost(host)) return addresses[0]!;
  const refused = addresses.find((a) => !rules.policy.allows(a.address));
  if (refused) {
    throw new EgressError(
      'refused_address',
      `${host} is refused: it resolves to a ${addressRange(refused.address)} address`,
    );
  }
  return addresses[0]!;
}
