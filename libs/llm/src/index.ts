export * from './context';
export * from './credentials';
export * from './llm-error';
export * from './llm-provider';
export * from './local-provider';
export * from './provider-registry';
export * from './llm.module';
export * from './resilience';
