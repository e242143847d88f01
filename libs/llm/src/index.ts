export * from './context';
export * from './llm-error';
export * from './llm-provider';
export * from './local-provider';
export * from './reported-usage';
export * from './provider-registry';
export * from './provider-key-source';
export * from './llm.module';
export * from './resilience';
export * from './providers/anthropic/anthropic.provider';
export * from './providers/gemini/gemini.provider';
export * from './providers/openai/openai.provider';
export { classifyOpenAiError } from './providers/openai/openai-errors';
// For other adapters of vendor SDKs (the embedders): one way to classify and word their failures.
export {
  describeError,
  egressRefusal,
  kindForStatus,
  retryAfterFromHeaders,
  safeToken,
} from './providers/openai/sdk-attempt';
export * from './metrics';
