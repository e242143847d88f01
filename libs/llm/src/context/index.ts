export * from './context-builder';
export * from './model-catalog';
