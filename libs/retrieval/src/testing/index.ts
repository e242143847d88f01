export * from './hostile-documents';
