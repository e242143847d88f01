export * from './load-retrieval-eval';
export * from './retrieval-metrics';
