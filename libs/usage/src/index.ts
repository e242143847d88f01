export * from './token-budget';
