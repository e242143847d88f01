export * from './api-key-secret';
export * from './api-key.guard';
export * from './auth-context';
export * from './auth.module';
