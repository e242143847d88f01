import { Injectable } from '@nestjs/common';
import type { PrismaClient, TenantSecret } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';

/** Stores ciphertext only; sealing and opening are the secrets lib's job. */
@Injectable()
export class TenantSecretRepository {
  upsert(
    tx: Tx | PrismaClient,
    input: { tenantId: string; name: string; ciphertext: string; keyVersion: number },
  ): Promise<TenantSecret> {
    const { tenantId, name, ciphertext, keyVersion } = input;
    return tx.tenantSecret.upsert({
      where: { tenantId_name: { tenantId, name } },
      create: input,
      update: { ciphertext, keyVersion },
    });
  }

  find(tx: Tx, tenantId: string, name: string): Promise<TenantSecret | null> {
    return tx.tenantSecret.findUnique({ where: { tenantId_name: { tenantId, name } } });
  }

  async delete(tx: Tx, tenantId: string, name: string): Promise<boolean> {
    return (await tx.tenantSecret.deleteMany({ where: { tenantId, name } })).count === 1;
  }

  /** Names and times only, never ciphertext, of the secrets whose name starts with `prefix`. */
  listNames(tx: Tx, prefix: string): Promise<{ name: string; updatedAt: Date }[]> {
    return tx.tenantSecret.findMany({
      where: { name: { startsWith: prefix } },
      select: { name: true, updatedAt: true },
      orderBy: { name: 'asc' },
    });
  }

  /** Admin path (re-encryption): a batch of any tenant's secrets sealed under another key version. */
  findNotSealedWith(admin: PrismaClient, keyVersion: number, limit: number): Promise<TenantSecret[]> {
    return admin.tenantSecret.findMany({
      where: { keyVersion: { not: keyVersion } },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** Replaces the ciphertext only if nobody changed it meanwhile; returns whether it did. */
  async replaceCiphertext(
    admin: PrismaClient,
    secret: TenantSecret,
    next: { ciphertext: string; keyVersion: number },
  ): Promise<boolean> {
    const updated = await admin.tenantSecret.updateMany({
      where: { id: secret.id, ciphertext: secret.ciphertext },
      data: next,
    });
    return updated.count === 1;
  }
}
