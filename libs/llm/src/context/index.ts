export * from './context-builder';
export * from './model-catalog';
export * from './output-limits';
