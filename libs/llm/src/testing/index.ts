// Wire-level fakes of the LLM vendors' HTTP APIs, for tests, benchmarks and chaos runs.
export * from './fake-server-script';
export * from './fake-openai-server';
export * from './fake-anthropic-server';
export * from './fake-gemini-server';
