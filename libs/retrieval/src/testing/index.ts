export * from './hostile-documents';
export * from './retrieval-eval';
