import type { components } from './generated/schema';

export type Problem = components['schemas']['Problem'];
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/**
 * A response the api answered with an error status: its problem+json body (RFC 9457),
 * or a problem made from the status line when the body was something else (a proxy's page).
 */
export class CopilotApiError extends Error {
  override readonly name = 'CopilotApiError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  /** For validation problems (400): each invalid field and what was expected. */
  readonly errors: ProblemFieldError[];
  /** The whole body, with the extensions some problems carry (`window`, `limit`, `resetAt`, `tokens`, ...). */
  readonly problem: Problem;
  /** `Retry-After` in seconds, for 429 and 503. */
  readonly retryAfterSeconds?: number;
  readonly method: string;
  readonly url: string;

  constructor(problem: Problem, request: { method: string; url: string }, retryAfterSeconds?: number) {
    super(`${request.method} ${new URL(request.url).pathname}: ${problem.status} ${problem.detail ?? problem.title}`);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
    this.method = request.method;
    this.url = request.url;
  }

  /** Reads the error out of a failed response (consumes its body). */
  static async fromResponse(request: Request, response: Response): Promise<CopilotApiError> {
    const text = await response.text().catch(() => '');
    const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
    return new CopilotApiError(
      toProblem(response, text),
      { method: request.method, url: request.url },
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
}

function toProblem(response: Response, text: string): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === 'object' && typeof body.title === 'string') {
      return { ...body, type: body.type ?? 'about:blank', title: body.title, status: body.status ?? response.status };
    }
  } catch {
    // not JSON: described by the status line below
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(text ? { detail: text.slice(0, 500) } : {}),
  };
}
