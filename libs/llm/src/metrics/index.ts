export * from './llm-metrics';
