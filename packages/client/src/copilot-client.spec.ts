import { CopilotApiError } from './copilot-api-error';
import { createCopilotClient } from './copilot-client';

/** A fetch that records requests and answers with `reply` (the client's `fetch` option). */
function recordingFetch(reply: () => Response) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return reply();
  };
  return { fetch, requests };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe(createCopilotClient.name, () => {
  it('sends an API key as x-api-key, a token as a bearer credential, and the extra headers', async () => {
    const page = () => json(200, { data: [], nextCursor: null });
    const withKey = recordingFetch(page);
    await createCopilotClient({ baseUrl: 'http://api.test/', apiKey: 'cp_test', fetch: withKey.fetch }).GET(
      '/v1/conversations',
      { params: { query: { limit: 5 } } },
    );
    expect(withKey.requests[0]!.url).toBe('http://api.test/v1/conversations?limit=5');
    expect(withKey.requests[0]!.headers.get('x-api-key')).toBe('cp_test');

    const withToken = recordingFetch(page);
    await createCopilotClient({
      baseUrl: 'http://api.test',
      token: 'a.b.c',
      headers: { traceparent: '00-abc-def-01' },
      fetch: withToken.fetch,
    }).GET('/v1/conversations');
    expect(withToken.requests[0]!.headers.get('authorization')).toBe('Bearer a.b.c');
    expect(withToken.requests[0]!.headers.get('traceparent')).toBe('00-abc-def-01');
    expect(withToken.requests[0]!.headers.get('x-api-key')).toBeNull();
  });

  it('refuses to start without a credential', () => {
    expect(() => createCopilotClient({ baseUrl: 'http://api.test', apiKey: '' })).toThrow('needs an apiKey or a token');
  });

  it('throws a problem+json answer as CopilotApiError with its fields', async () => {
    const problem = {
      type: '/problems/token-budget-exceeded',
      title: 'Token budget exceeded',
      status: 429,
      detail: 'The daily token budget is spent',
      window: 'day',
      limit: 1000,
    };
    const { fetch } = recordingFetch(() => json(429, problem, { 'retry-after': '30' }));
    const client = createCopilotClient({ baseUrl: 'http://api.test', apiKey: 'cp_test', fetch });
    const error = await client.GET('/v1/conversations').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopilotApiError);
    expect(error).toMatchObject({
      status: 429,
      type: '/problems/token-budget-exceeded',
      title: 'Token budget exceeded',
      detail: 'The daily token budget is spent',
      errors: [],
      problem: { window: 'day', limit: 1000 },
      retryAfterSeconds: 30,
      method: 'GET',
      message: 'GET /v1/conversations: 429 The daily token budget is spent',
    });
  });

  it('describes an error that is not a problem (a proxy page) by its status line', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const client = createCopilotClient({ baseUrl: 'http://api.test', apiKey: 'cp_test', fetch });
    await expect(client.GET('/v1/conversations')).rejects.toMatchObject({
      name: 'CopilotApiError',
      status: 502,
      title: 'Bad Gateway',
      detail: '<html>Bad gateway</html>',
    });
  });
});
