import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Problem } from '@copilot/http';
import { ApiKeyRepository, type ApiKeyRecord, type Page, TenantTransactions } from '@copilot/persistence';
import { generateApiKeySecret } from '../api-key-secret';
import { AuditLog } from '../audit/audit-log';
import { type AuthContext, PLATFORM_ADMIN_SCOPE } from '../auth-context';
import { JWT_OPTIONS, type JwtSettings } from '../jwt';
import { ApiKeyUsage } from './api-key-usage';
import { cappedExpiry, latestExpiryFor } from './key-lifetime';

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
    @Inject(JWT_OPTIONS) private readonly jwt: JwtSettings,
  ) {}

  create(actor: AuthContext, input: NewApiKeyRequest, requestId?: string): Promise<ApiKeyWithSecret> {
    const secret = generateApiKeySecret();
    return this.transactions.run(actor.tenantId, async (tx) => {
      const creatorKey = actor.principalType === 'api_key' ? await this.keys.findById(tx, actor.principalId) : null;
      const latest = latestExpiryFor(actor, creatorKey, this.jwt.keyMaxLifetimeDays);
      const key = await this.keys.create(tx, {
        tenantId: actor.tenantId,
        name: input.name,
        prefix: secret.prefix,
        keyHash: secret.hash,
        scopes: input.scopes,
        expiresAt: cappedExpiry(input.expiresAt, latest),
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
      const found = await this.keys.findById(tx, id);
      if (!found) throw new NotFoundException(`No API key ${id}.`);
      // The operator's key, though it lives in this tenant: a tenant admin must not cut off platform operations.
      refusePlatformKey(found, 'revoked');
      const key = (await this.keys.revoke(tx, id))!;
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
      refusePlatformKey(old, 'rotated');
      if (old.replacedById) throw alreadyRotated(id, old.replacedById);
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
      // Rotated meanwhile by a concurrent request: this transaction (and its successor) is undone.
      if (!successor) throw alreadyRotated(id, null);
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

function refusePlatformKey(key: ApiKeyRecord, action: 'revoked' | 'rotated'): void {
  if (key.scopes.includes(PLATFORM_ADMIN_SCOPE))
    throw new ForbiddenException(`A ${PLATFORM_ADMIN_SCOPE} key is ${action} only with the CLI.`);
}

/**
 * A second rotation of one key would fork a second successor that dies with the old
 * key's grace period, while the first successor is the one in use: rotate the successor.
 */
function alreadyRotated(id: string, successorId: string | null): Problem {
  return new Problem(409, {
    type: '/problems/api-key-already-rotated',
    title: 'The API key was already rotated',
    detail: `API key ${id} was already rotated${successorId ? ` (its successor is ${successorId})` : ''}; rotate the successor instead.`,
  });
}
