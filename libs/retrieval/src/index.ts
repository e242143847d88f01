export * from './retrieval-types';
