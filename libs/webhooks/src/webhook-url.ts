import { parseOutboundUrl, UrlFetchError, vetAddress } from '@copilot/retrieval';
import type { OutboundRules } from './webhook-options';

/** A webhook URL that may not be registered; `message` says why, for the problem response. */
export class WebhookUrlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

/**
 * Registration-time SSRF check, with the rules of document URL fetches: http(s)
 * only, no credentials, and the host (a literal, or every address its name
 * resolves to now) must be allowed. Delivery checks again, since DNS can change.
 */
export async function checkWebhookUrl(raw: string, rules: OutboundRules): Promise<string> {
  try {
    const url = parseOutboundUrl(raw);
    await vetAddress(url, rules.policy, rules.lookup);
    return url.href;
  } catch (error) {
    if (error instanceof UrlFetchError) {
      throw new WebhookUrlRefused(
        error.reason === 'network' ? `${error.message}: expected a host name that resolves` : error.message,
      );
    }
    throw error;
  }
}
