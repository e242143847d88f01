export * from './provider-keys.service';
