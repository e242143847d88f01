import { EgressError, type EgressRules, parseOutboundUrl, vetAddress } from '@copilot/egress';

/** A webhook URL that may not be registered; `message` says why, for the problem response. */
export class WebhookUrlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

/**
 * Registration-time SSRF check, with the egress policy of every tenant-aimed call: http(s)
 * only, no credentials, and the host (a literal, or every address its name
 * resolves to now) must be allowed. Delivery checks again, since DNS can change.
 */
export async function checkWebhookUrl(raw: string, rules: EgressRules): Promise<string> {
  try {
    const url = parseOutboundUrl(raw);
    await vetAddress(url, rules);
    return url.href;
  } catch (error) {
    if (error instanceof EgressError) {
      throw new WebhookUrlRefused(
        error.reason === 'network' ? `${error.message}: expected a host name that resolves` : error.message,
      );
    }
    throw error;
  }
}
