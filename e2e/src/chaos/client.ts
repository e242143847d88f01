/**
 * How the chaos load talks to the api: every call has a timeout, and calls that
 * create work carry an Idempotency-Key and are retried with backoff on network
 * errors, timeouts, 429 and 5xx, as a well-behaved integrator would.
 */
export type CallOutcome =
  | { ok: true; status: number; body: Record<string, unknown>; tries: number }
  | { ok: false; reason: string; tries: number };

export interface ClientOptions {
  api: string;
  apiKey: string;
  timeoutMs: number;
  tries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ChaosClient {
  constructor(private readonly options: ClientOptions) {}

  async call(method: string, path: string, body?: object, idempotencyKey?: string): Promise<CallOutcome> {
    let reason = 'not tried';
    for (let tries = 1; tries <= this.options.tries; tries++) {
      try {
        const response = await fetch(`${this.options.api}${path}`, {
          method,
          headers: {
            'x-api-key': this.options.apiKey,
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        const text = await response.text();
        if (response.ok) return { ok: true, status: response.status, body: parse(text), tries };
        reason = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status < 500) return { ok: false, reason: `${reason} ${text}`, tries };
        // Without a key a retry could create the work twice: only reads and keyed writes are retried.
        if (method !== 'GET' && !idempotencyKey) return { ok: false, reason, tries };
      } catch (error) {
        reason = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
        if (method !== 'GET' && !idempotencyKey) return { ok: false, reason, tries };
      }
      if (tries < this.options.tries) await sleep(400 * 2 ** (tries - 1));
    }
    return { ok: false, reason, tries: this.options.tries };
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
