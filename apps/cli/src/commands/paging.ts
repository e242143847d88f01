import type { Command } from 'commander';
import { CommandError } from '../cli-errors';

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
