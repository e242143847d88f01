export * from './secret-box';
export * from './tenant-secrets.service';
export * from './secrets.module';
export * from './provider-keys.service';
