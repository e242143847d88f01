/** Keyset pagination: an opaque cursor naming the last row of a page by (createdAt, id). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this api returned');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new InvalidCursorError();
  return { createdAt, id };
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is more. */
export function toPage<T extends Cursor>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Newest first, ties broken by id: the order of every keyset-paginated listing. */
export const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
export const OLDEST_FIRST = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** Where-clause for the rows after `cursor` in newest-first order (none: every row). */
export function olderThan(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/** Where-clause for the rows after `cursor` in oldest-first order (none: every row). */
export function newerThan(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
}
