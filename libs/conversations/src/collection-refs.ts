import { InvalidInput } from '@copilot/errors';
import type { CollectionRepository, Tx } from '@copilot/persistence';

/**
 * Refuses collection ids the tenant does not have (unknown ones, and another tenant's,
 * which row level security makes look the same) with a 400 naming each one, instead of
 * storing them and answering, later, from no passages at all.
 */
export async function assertCollectionsExist(
  collections: CollectionRepository,
  tx: Tx,
  ids: readonly string[] | undefined,
  field: string,
): Promise<void> {
  if (!ids?.length) return;
  const found = new Set((await collections.findMany(tx, [...new Set(ids)])).map((c) => c.id));
  const missing = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ field: `${field}.${i}`, message: 'no such collection' }],
  );
  if (missing.length > 0) throw new InvalidInput(missing);
}
