/**
 * Which IP addresses an outbound call a tenant can aim may connect to. Classification uses
 * `ipaddr.js` (plus node:net `isIP`): it knows the IANA special-purpose ranges
 * and unwraps IPv4-mapped IPv6 (`::ffff:127.0.0.1`), which a hand-written
 * prefix list tends to miss.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Gets a normalised address (IPv4-mapped IPv6 already turned into IPv4). */
  allows(address: string): boolean;
}

// Every globally routed IPv6 unicast address is in 2000::/3 today. Requiring it also
// refuses the IPv4-compatible (::a.b.c.d) and other IPv4-embedding forms that
// ipaddr.js files under plain 'unicast'.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The default: public unicast only. Refuses private (10/8, 172.16/12, 192.168/16),
 * loopback, link-local (incl. 169.254.169.254, the cloud metadata service),
 * unique-local, CGNAT, 0/8, multicast, broadcast, reserved and documentation
 * ranges, NAT64/6to4/Teredo prefixes that embed an IPv4 address, and anything
 * that is not an IP address at all.
 */
export const DEFAULT_ADDRESS_POLICY: AddressPolicy = Object.freeze({
  allows: (address: string): boolean => {
    const ip = parseAddress(address);
    if (!ip || ip.range() !== 'unicast') return false;
    return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
  },
});

/**
 * The default policy plus exact addresses or CIDR blocks, e.g. `['127.0.0.1']`
 * for tests against a local server, or an intranet range an operator trusts.
 */
export function allowingAddresses(extra: string[], base: AddressPolicy = DEFAULT_ADDRESS_POLICY): AddressPolicy {
  const ranges = extra.map((entry) =>
    entry.includes('/') ? ipaddr.parseCIDR(entry) : ([ipaddr.parse(entry), entry.includes(':') ? 128 : 32] as const),
  );
  return {
    allows: (address) => {
      const ip = parseAddress(address);
      if (!ip) return false;
      return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits)) || base.allows(address);
    },
  };
}

/** A resolved or literal address in its canonical form, with the family to connect with. */
export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Canonical form of an IP address, or undefined when `text` is not one. IPv4-mapped
 * IPv6 becomes plain IPv4 so the policy judges (and we connect to) the real target.
 */
export function normaliseAddress(text: string): VettedAddress | undefined {
  const ip = parseAddress(text);
  if (!ip) return undefined;
  return { address: ip.toString(), family: ip.kind() === 'ipv4' ? 4 : 6 };
}

/** The ipaddr.js range name, for error messages ("loopback", "private", ...). */
export function addressRange(address: string): string {
  return parseAddress(address)?.range() ?? 'not an IP address';
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // isIP first: ipaddr.js alone also accepts forms such as '0x7f.1' that a resolver
  // would not return, but a URL hostname never reaches here un-normalised anyway.
  if (!isIP(bare) && !ipaddr.isValid(bare)) return undefined;
  try {
    return ipaddr.process(bare);
  } catch {
    return undefined;
  }
}
