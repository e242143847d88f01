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

/** Far above the ~70 characters of a real cursor; longer input is not decoded at all. */
const MAX_CURSOR_LENGTH = 200;
// Postgres prints UUIDs in lower case, and rows are created after 1970 and before 10000:
// anything else in a cursor reached Postgres as a bad uuid or an out-of-range timestamp (a 500).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Accepts exactly what encodeCursor writes: decoding and re-encoding must give the same
 * string back, so an edited cursor (another time format, a padded base64, an extra field)
 * is refused rather than passed on to the query. A cursor is a position, not a capability:
 * a well-formed one made up by hand only pages from there, inside the caller's tenant.
 */
export function decodeCursor(cursor: string): Cursor {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw new InvalidCursorError();
  }
  const [iso = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso);
  const valid = ISO_TIME.test(iso) && !Number.isNaN(createdAt.getTime()) && createdAt.getTime() >= 0 && UUID.test(id);
  if (!valid || encodeCursor({ createdAt, id }) !== cursor) throw new InvalidCursorError();
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
