import { type FakeBehaviour, FakeOpenAiServer } from '@copilot/llm/testing';

const FAKE_KEY = 'bench-openai-key';

/** A wire-level fake of OpenAI answering every request with `behaviour`. */
export function startFakeOpenAi(behaviour: FakeBehaviour): Promise<FakeOpenAiServer> {
  return FakeOpenAiServer.start({ apiKey: FAKE_KEY, defaultBehaviour: behaviour });
}

/** Settings that send the platform's default model to the fake, as an operator would configure a real one. */
export function viaFakeOpenAi(provider: FakeOpenAiServer): NodeJS.ProcessEnv {
  return { OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: provider.url, DEFAULT_MODEL: 'openai/gpt-4o-mini' };
}

export const FAKE_OPENAI_KEY = FAKE_KEY;
