import { AuditEventRepository, createPrismaClient, type PrismaClient } from '@copilot/persistence';
import { CommandError } from '../cli-errors';

export const unknownTenant = (ref: string) => new CommandError(`no tenant '${ref}'; see tenant:list`);

/**
 * What every group of platform administration shares: the schema owner's connection
 * (it sees every tenant), one per command, and the audit trail with the CLI as the actor.
 */
export abstract class OwnerSession {
  private readonly audit = new AuditEventRepository();

  constructor(protected readonly adminUrl: string) {}

  /** Operator actions are audited like a tenant admin's, with the CLI as the actor. */
  protected recordCliAction(
    admin: PrismaClient,
    tenantId: string,
    action: string,
    target: { type: string; id: string },
    metadata?: Record<string, string | string[]>,
  ): Promise<void> {
    return this.audit.record(admin, {
      tenantId,
      actorType: 'cli',
      actorId: 'operator',
      action,
      targetType: target.type,
      targetId: target.id,
      metadata,
    });
  }

  protected async withClient<T>(work: (admin: PrismaClient) => Promise<T>): Promise<T> {
    const admin = createPrismaClient({ url: this.adminUrl, poolSize: 1 });
    try {
      return await work(admin);
    } finally {
      await admin.$disconnect();
    }
  }
}
