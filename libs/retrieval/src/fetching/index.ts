export * from './safe-fetch';
export * from './url-fetch-error';
