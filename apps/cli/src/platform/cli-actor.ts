import type { AuthContext } from '@copilot/auth';

/** Who the audit trail names for what the CLI does inside a tenant. */
export const cliActor = (tenantId: string): AuthContext => ({
  tenantId,
  principalType: 'cli',
  principalId: 'operator',
  scopes: ['admin'],
  rateLimit: null,
});
