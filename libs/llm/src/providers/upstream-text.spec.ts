import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LlmError } from '../llm-error';
import type { GenerateRequest, LlmProvider } from '../llm-provider';
import { AnthropicProvider } from './anthropic/anthropic.provider';
import { GeminiProvider } from './gemini/gemini.provider';
import { OpenAiProvider } from './openai/openai.provider';

// A tenant can aim its own key's base URL at any server that passes the egress policy,
// and that server answers whatever it likes. What it says must never be copied into the
// errors the tenant reads (job errors, stream events): otherwise the platform becomes a
// reader of whatever that server can see. Only status codes and short code tokens pass.
const SECRET = 'internal-row-4711 password=hunter2';

type Answer = (res: ServerResponse) => void;
const answers: Record<string, Answer> = {
  'error-json': (res) =>
    res.writeHead(400, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: { message: SECRET, type: 'invalid_request_error', code: `not a token: ${SECRET}`, status: SECRET },
        type: 'error',
      }),
    ),
  'not-json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"choices": ${SECRET}`),
  'server-error-text': (res) => res.writeHead(502, { 'content-type': 'text/html' }).end(`<h1>${SECRET}</h1>`),
};

let server: Server;
let answer: Answer;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request: GenerateRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const providers: [string, () => LlmProvider][] = [
  ['openai', () => new OpenAiProvider({ apiKey: 'k', baseUrl: `${url}/v1`, timeoutMs: 2_000 })],
  ['anthropic', () => new AnthropicProvider({ apiKey: 'k', baseUrl: url, timeoutMs: 2_000 })],
  ['gemini', () => new GeminiProvider({ apiKey: 'k', baseUrl: url, timeoutMs: 2_000 })],
];

async function failureOf(call: () => Promise<unknown>): Promise<LlmError> {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // only the failure matters
  }
}

describe.each(providers)('%s adapter and what an upstream says', (_name, make) => {
  it.each(Object.keys(answers))('keeps the text of a %s answer out of its errors', async (kind) => {
    answer = answers[kind]!;
    const completed = await failureOf(() => make().complete(request));
    const streamed = await failureOf(() => drain(make().generate(request)));
    for (const error of [completed, streamed]) {
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain('4711');
    }
  });

  it('still says the status and the error type', async () => {
    answer = answers['error-json']!;
    const error = await failureOf(() => make().complete(request));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400 });
    expect(error.message).toContain('400');
  });
});
