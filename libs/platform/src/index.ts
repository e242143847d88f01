export * from './platform.module';
export * from './run-app';
export * from './product-modules';
