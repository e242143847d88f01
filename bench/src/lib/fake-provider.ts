import { type FakeBehaviour, FakeOpenAiServer } from '@copilot/llm/testing';
import type { Dispatcher } from 'undici';
import { timeToMarker } from './first-chunk';

const FAKE_KEY = 'bench-openai-key';

/** A wire-level fake of OpenAI answering every request with `behaviour`. */
export function startFakeOpenAi(behaviour: FakeBehaviour): Promise<FakeOpenAiServer> {
  return FakeOpenAiServer.start({ apiKey: FAKE_KEY, defaultBehaviour: behaviour });
}

/** Settings that send the platform's default model to the fake, as an operator would configure a real one. */
export function viaFakeOpenAi(provider: FakeOpenAiServer): NodeJS.ProcessEnv {
  return { OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: provider.url, DEFAULT_MODEL: 'openai/gpt-4o-mini' };
}

/** Milliseconds until `marker` in a streamed completion asked of the fake directly: the floor beside the platform. */
export function directCompletion(client: Dispatcher, content: string, marker: string): Promise<number> {
  return timeToMarker(
    client,
    {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${FAKE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content }] }),
    },
    marker,
  );
}

export const FAKE_OPENAI_KEY = FAKE_KEY;
