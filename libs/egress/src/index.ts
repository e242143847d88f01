export * from './address-policy';
export * from './egress-error';
export * from './egress-fetch';
export * from './egress-rules';
export * from './egress.module';
export * from './outbound-url';
