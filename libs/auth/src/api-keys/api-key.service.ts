import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ApiKeyRepository, type ApiKeyRecord, type Page, TenantTransactions } from '@copilot/persistence';
import { generateApiKeySecret } from '../api-key-secret';
import { AuditLog } from '../audit/audit-log';
import { type AuthContext, PLATFORM_ADMIN_SCOPE } from '../auth-context';
import { ApiKeyUsage } from './api-key-usage';

export interface NewApiKeyRequest {
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
  rateLimit?: number | null;
}

/** A created or rotated key: the only time the secret is returned. */
export type ApiKeyWithSecret = ApiKeyRecord & { key: string };

/** The tenant's own key management (POST/GET/DELETE/rotate /v1/api-keys), each change audited. */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly keys: ApiKeyRepository,
    private readonly usage: ApiKeyUsage,
    private readonly audit: AuditLog,
  ) {}

  create(actor: AuthContext, input: NewApiKeyRequest, requestId?: string): Promise<ApiKeyWithSecret> {
    const secret = generateApiKeySecret();
    return this.transactions.run(actor.tenantId, async (tx) => {
      const key = await this.keys.create(tx, {
        tenantId: actor.tenantId,
        name: input.name,
        prefix: secret.prefix,
        keyHash: secret.hash,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        rateLimit: input.rateLimit ?? null,
      });
      await this.audit.record(
        tx,
        actor,
        'api_key.created',
        { type: 'api_key', id: key.id },
        {
          requestId,
          metadata: { name: key.name, scopes: key.scopes },
        },
      );
      return { ...key, key: secret.key };
    });
  }

  /** Last-used times still waiting in Redis are merged in, so listings are current. */
  async list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<ApiKeyRecord>> {
    const result = await this.transactions.run(tenantId, (tx) => this.keys.list(tx, page));
    const pending = await this.usage.pending(
      tenantId,
      result.data.map((k) => k.id),
    );
    return {
      ...result,
      data: result.data.map((key) => {
        const noted = pending.get(key.id);
        return noted && (!key.lastUsedAt || noted > key.lastUsedAt) ? { ...key, lastUsedAt: noted } : key;
      }),
    };
  }

  revoke(actor: AuthContext, id: string, requestId?: string): Promise<ApiKeyRecord> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      const key = await this.keys.revoke(tx, id);
      if (!key) throw new NotFoundException(`No API key ${id}.`);
      await this.audit.record(tx, actor, 'api_key.revoked', { type: 'api_key', id }, { requestId });
      return key;
    });
  }

  /** Issues a successor with the same name, scopes and limit; the old key works for `graceSeconds` more. */
  rotate(actor: AuthContext, id: string, graceSeconds: number, requestId?: string): Promise<ApiKeyWithSecret> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      const old = await this.keys.findById(tx, id);
      if (!old || old.revokedAt || (old.expiresAt && old.expiresAt <= new Date())) {
        throw new NotFoundException(`No active API key ${id}.`);
      }
      // Rotating copies scopes: a tenant admin must not mint a platform key that way.
      if (old.scopes.includes(PLATFORM_ADMIN_SCOPE))
        throw new ForbiddenException(`A ${PLATFORM_ADMIN_SCOPE} key is rotated only with the CLI.`);
      const secret = generateApiKeySecret();
      const graceEndsAt = new Date(Date.now() + graceSeconds * 1000);
      const successor = await this.keys.rotate(
        tx,
        old,
        {
          tenantId: actor.tenantId,
          name: old.name,
          prefix: secret.prefix,
          keyHash: secret.hash,
          scopes: old.scopes,
          expiresAt: old.expiresAt,
          rateLimit: old.rateLimit,
        },
        graceEndsAt,
      );
      await this.audit.record(
        tx,
        actor,
        'api_key.rotated',
        { type: 'api_key', id },
        {
          requestId,
          metadata: { successorId: successor.id, oldKeyValidUntil: graceEndsAt.toISOString() },
        },
      );
      return { ...successor, key: secret.key };
    });
  }
}
