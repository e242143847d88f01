import type { Command } from 'commander';
import type { Page, Tx } from '@copilot/persistence';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { type CommandSpec, defineCommand } from '../command-kit';
import { type Column, table } from '../output';

type PageRequest = { limit: number; cursor?: string };

/** --limit and --cursor, as every listing takes them (the api's keyset pages). */
export const withPaging = (command: Command, defaultLimit = 50) =>
  command
    .option('--limit <n>', `rows per page, 1-1000 (default ${defaultLimit})`)
    .option('--cursor <cursor>', 'the next page, as printed after the previous one');

export async function pageOf(
  options: Record<string, unknown>,
  defaultLimit = 50,
): Promise<{ limit: number; cursor?: string }> {
  const { parse, z } = await import('../values');
  const limit = parse(z.coerce.number().int().min(1).max(1_000), options.limit ?? defaultLimit, '--limit');
  return { limit, ...(typeof options.cursor === 'string' ? { cursor: options.cursor } : {}) };
}

/** A page read with an operator's cursor: a cursor that is not ours is their mistake. */
export async function readPage<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as Error)?.name === 'InvalidCursorError')
      throw new CommandError('--cursor: not a cursor this command printed');
    throw error;
  }
}

export const nextPageHint = (nextCursor: string | null) => (nextCursor ? `\nmore: --cursor ${nextCursor}` : '');

/**
 * `<thing>:list --tenant <t>`: one page of a tenant's rows, read in its transaction
 * (row level security), shown as a table or as `{ data, nextCursor }` with --json.
 */
export function defineTenantListCommand<Row, Shown>(
  program: Command,
  cli: CliContext,
  spec: CommandSpec,
  listing: {
    read: (repositories: typeof import('../on-demand/persistence'), tx: Tx, page: PageRequest) => Promise<Page<Row>>;
    present: (row: Row) => Shown;
    columns: Column<Shown>[];
  },
): void {
  defineCommand(
    program,
    cli,
    spec,
    (c) => withPaging(c.requiredOption('--tenant <tenant>', 'tenant slug or id')),
    async ({ options, out }) => {
      const tenant = await cli.tenant(options.tenant as string);
      const repositories = await import('../on-demand/persistence');
      const paging = await pageOf(options);
      const page = await readPage(async () =>
        repositories.inTenantTransaction(await cli.app(), tenant.id, (tx) => listing.read(repositories, tx, paging)),
      );
      const result = { data: page.data.map(listing.present), nextCursor: page.nextCursor };
      out.result(result, (r) => table(r.data, listing.columns) + nextPageHint(r.nextCursor));
    },
  );
}
