import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { type AddressPolicy, allowingAddresses, DEFAULT_ADDRESS_POLICY } from './address-policy';

export type HostLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Where outbound calls that a tenant can aim may go. */
export interface EgressRules {
  /** Addresses a connection may be made to (public unicast, plus the operator's list). */
  readonly policy: AddressPolicy;
  /** Host names the operator trusts whatever they resolve to (an internal model server, a proxy). */
  trustsHost(hostname: string): boolean;
  readonly lookup: HostLookup;
}

/**
 * The rules from the operator's allow-list (EGRESS_ALLOWED_HOSTS): IP addresses
 * and CIDR blocks admit those addresses; names admit that host exactly, and
 * `*.example.internal` any host below it. Empty: public addresses only.
 */
export function egressRules(allowList: readonly string[] = [], lookup: HostLookup = systemLookup): EgressRules {
  const addresses = allowList.filter(isAddressOrRange);
  const names = allowList.filter((entry) => !isAddressOrRange(entry)).map((entry) => entry.toLowerCase());
  const exact = new Set(names.filter((name) => !name.startsWith('*.')));
  const suffixes = names.filter((name) => name.startsWith('*.')).map((name) => name.slice(1));
  return {
    policy: addresses.length > 0 ? allowingAddresses(addresses) : DEFAULT_ADDRESS_POLICY,
    trustsHost: (hostname) => {
      const host = hostname.toLowerCase().replace(/\.$/, '');
      return exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));
    },
    lookup,
  };
}

function isAddressOrRange(entry: string): boolean {
  if (!entry.includes('/')) return ipaddr.isValid(entry);
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}
