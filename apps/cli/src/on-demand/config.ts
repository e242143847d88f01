// Loaded when a command runs; see on-demand/persistence.ts for why through this file.
export {
  adminDatabaseConfig,
  databaseConfig,
  encryptionConfig,
  jwtConfig,
  loadSettings,
  redisConfig,
} from '@copilot/config';
