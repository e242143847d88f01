import { Injectable } from '@nestjs/common';
import type { ApiKey, PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';

/** An api key as the rest of the code sees it: never with its hash. */
export type ApiKeyRecord = Omit<ApiKey, 'keyHash'>;
export interface ActiveApiKey {
  id: string;
  tenantId: string;
  scopes: string[];
}

const withoutHash = { keyHash: true } as const;

@Injectable()
export class ApiKeyRepository {
  /** Authentication happens before a tenant is known: a SECURITY DEFINER function does this one read. */
  async findActiveByHash(client: PrismaClient, keyHash: string): Promise<ActiveApiKey | null> {
    const rows = await client.$queryRaw<{ id: string; tenant_id: string; scopes: string[] }[]>`
      SELECT id, tenant_id, scopes FROM app_find_api_key(${keyHash})`;
    const row = rows[0];
    return row ? { id: row.id, tenantId: row.tenant_id, scopes: row.scopes } : null;
  }

  create(
    tx: Tx | PrismaClient,
    input: {
      tenantId: string;
      name: string;
      prefix: string;
      keyHash: string;
      scopes: string[];
      expiresAt?: Date | null;
    },
  ): Promise<ApiKeyRecord> {
    return tx.apiKey.create({ data: input, omit: withoutHash });
  }

  findById(tx: Tx | PrismaClient, id: string): Promise<ApiKeyRecord | null> {
    return tx.apiKey.findUnique({ where: { id }, omit: withoutHash });
  }

  /** Revokes at once; revoking again keeps the first revocation time. */
  async revoke(tx: Tx | PrismaClient, id: string): Promise<ApiKeyRecord | null> {
    await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.findById(tx, id);
  }
}
