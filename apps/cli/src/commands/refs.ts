import type { Collection, Copilot, Tenant, Tx } from '@copilot/persistence';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds one row of a tenant by id or by name, under the tenant's row level
 * security; a name two rows share must be given as an id instead.
 */
async function byIdOrName<T extends { id: string }>(
  tenant: Tenant,
  what: 'collection' | 'copilot',
  ref: string,
  find: { byId: (id: string) => Promise<T | null>; byName: (name: string) => Promise<T[]> },
): Promise<T> {
  const matches = UUID.test(ref) ? [await find.byId(ref)].filter((x): x is T => x !== null) : await find.byName(ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new CommandError(`no ${what} '${ref}' in tenant ${tenant.slug}; see ${what}:list --tenant ${tenant.slug}`);
  throw new CommandError(
    `${matches.length} ${what}s of tenant ${tenant.slug} are named '${ref}'; give the id: ${matches.map((m) => m.id).join(', ')}`,
  );
}

export async function resolveCollection(cli: CliContext, tenant: Tenant, ref: string): Promise<Collection> {
  const { CollectionRepository, inTenantTransaction } = await import('../on-demand/persistence');
  const repository = new CollectionRepository();
  const app = await cli.app();
  const inTenant = <T>(work: (tx: Tx) => Promise<T>) => inTenantTransaction(app, tenant.id, work);
  return byIdOrName(tenant, 'collection', ref, {
    byId: (id) => inTenant((tx) => repository.findById(tx, id)),
    byName: (name) => inTenant((tx) => repository.findByName(tx, name)),
  });
}

export async function resolveCopilot(cli: CliContext, tenant: Tenant, ref: string): Promise<Copilot> {
  const { CopilotRepository, inTenantTransaction } = await import('../on-demand/persistence');
  const repository = new CopilotRepository();
  const app = await cli.app();
  const inTenant = <T>(work: (tx: Tx) => Promise<T>) => inTenantTransaction(app, tenant.id, work);
  return byIdOrName(tenant, 'copilot', ref, {
    byId: (id) => inTenant((tx) => repository.findById(tx, id)),
    byName: (name) => inTenant((tx) => repository.findByName(tx, name)),
  });
}
