export * from './context';
export * from './llm-error';
export * from './llm-provider';
export * from './local-provider';
export * from './provider-registry';
