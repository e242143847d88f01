import { allowingAddresses, type AddressPolicy, type HostLookup, systemLookup } from '@copilot/retrieval';

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
export const OUTBOUND_RULES = Symbol('OUTBOUND_RULES');

export interface WebhookSettings {
  concurrency: number;
  timeoutMs: number;
  retryDelayMs: number;
  /** Non-public addresses (IPs or CIDR blocks) webhook URLs may target anyway. */
  allowedAddresses: readonly string[];
}

/** Where webhook requests may go: the same rules as document URL fetches. */
export interface OutboundRules {
  policy: AddressPolicy;
  lookup: HostLookup;
}

export function outboundRules(settings: WebhookSettings, lookup: HostLookup = systemLookup): OutboundRules {
  return { policy: allowingAddresses([...settings.allowedAddresses]), lookup };
}

/** Exponential: the first retry after `baseMs`, each further one twice as late. `failedAttempts` counts from 1. */
export const webhookRetryDelayMs = (baseMs: number, failedAttempts: number) =>
  baseMs * 2 ** Math.max(0, failedAttempts - 1);
