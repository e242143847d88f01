import { Prisma } from '../generated/prisma/client';

// Prisma's codes for "the server is not there": can't reach, timed out, closed the connection.
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The pg driver adapter's kinds for the same, surfaced inside P2010 (raw queries).
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Whether an error means Postgres is unavailable (as opposed to a bad query): callers answer 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (UNREACHABLE_CODES.has(error.code)) return true;
  const kind = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError
    ?.cause?.kind;
  return kind !== undefined && UNREACHABLE_KINDS.has(kind);
}

/** Prisma's "the record to update or delete does not exist" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
