import { Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

/** A transaction already bound to one tenant: every repository method takes one. */
export type Tx = Prisma.TransactionClient;

/** Runs `work` in a transaction in which row level security admits only `tenantId`'s rows. */
export async function inTenantTransaction<T>(
  client: PrismaClient,
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return client.$transaction(
    async (tx) => {
      // `true`: local to this transaction, so a pooled connection never keeps a tenant.
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return work(tx);
    },
    // Prisma's default of 5 s is too short for the longest unit of work we have:
    // swapping a large document's chunks in one transaction on a loaded machine.
    // Its 2 s wait for a pooled connection fails busy workers whose jobs would have
    // run a moment later: wait longer, the caller's own timeouts still bound it.
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: CONNECTION_WAIT_MS },
  );
}

const TRANSACTION_TIMEOUT_MS = 60_000;
const CONNECTION_WAIT_MS = 15_000;

@Injectable()
export class TenantTransactions {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.prisma.client, tenantId, work);
  }
}
