// The libraries a command needs are loaded when it runs (see cli-context.ts), through
// these files: Nx forbids lazy-loading a library straight from a project that also
// imports it statically elsewhere.
export {
  ApiKeyRepository,
  CollectionRepository,
  CopilotRepository,
  createPrismaClient,
  inTenantTransaction,
  JobRepository,
  TenantRepository,
} from '@copilot/persistence';
