import { Prisma } from '../generated/prisma/client';

// Prisma's codes for "the server is not there": can't reach, timed out, closed the connection.
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The pg driver adapter's kinds for the same, surfaced inside P2010 (raw queries).
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

// What pg says when no pooled connection came free (or none could open) within
// connectionTimeoutMillis; the driver adapter passes these through as plain Errors.
const POOL_TIMEOUTS = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
]);

/**
 * Whether an error means Postgres is unavailable or saturated (as opposed to a bad
 * query): callers answer 503 with Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (POOL_TIMEOUTS.has(String((error as { message?: unknown } | null)?.message))) return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (UNREACHABLE_CODES.has(error.code)) return true;
  const kind = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError
    ?.cause?.kind;
  return kind !== undefined && UNREACHABLE_KINDS.has(kind);
}

/** Prisma's "a foreign key points at no row" (P2003): the parent was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

/** Prisma's "the record to update or delete does not exist" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/** Prisma's "a unique constraint refused the row" (P2002): someone else wrote it first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
