export * from './address-policy';
export * from './safe-fetch';
export * from './url-fetch-error';
