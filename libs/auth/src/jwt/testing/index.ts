// Test helpers (a wire-level fake identity provider and token builders), for tests only.
export * from './fake-jwks-server';
export * from './test-tokens';
