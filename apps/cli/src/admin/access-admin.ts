import { generateApiKeySecret, type JwtSettings, KEY_SCOPES, mintLocalToken, SCOPES } from '@copilot/auth';
import { ApiKeyRepository, TenantRepository } from '@copilot/persistence';
import { z } from 'zod';
import { CommandError } from '../cli-errors';
import { parse } from '../values';
import { OwnerSession, unknownTenant } from './owner-session';

const scopeList = (allowed: readonly [string, ...string[]]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(allowed, { error: `expected scopes among ${allowed.join(', ')}` }))
        .min(1, 'expected at least one scope'),
    );
/** A key may carry platform:admin; a token never does (the api drops it from JWTs). */
const keyScopes = scopeList(KEY_SCOPES);
const tokenScopes = scopeList(SCOPES);

/** key:create, key:revoke, token:mint. */
export class AccessAdmin extends OwnerSession {
  private readonly tenants = new TenantRepository();
  private readonly keys = new ApiKeyRepository();

  async createKey(options: {
    tenant?: string;
    scopes?: string;
    name?: string;
    expiresAt?: string;
    rateLimit?: string;
  }) {
    if (!options.tenant) throw new CommandError('--tenant <slug or id> is required');
    const grantedScopes = parse(keyScopes, options.scopes ?? '', '--scopes');
    const expiresAt = options.expiresAt ? parse(z.coerce.date(), options.expiresAt, '--expires-at') : null;
    const rateLimit = options.rateLimit
      ? parse(z.coerce.number().int().min(1).max(1_000_000), options.rateLimit, '--rate-limit')
      : null;
    return this.withClient(async (admin) => {
      const tenant = await this.tenants.findByRef(admin, options.tenant!);
      if (!tenant) throw unknownTenant(options.tenant!);
      const secret = generateApiKeySecret();
      const key = await this.keys.create(admin, {
        tenantId: tenant.id,
        name: options.name ?? 'default',
        prefix: secret.prefix,
        keyHash: secret.hash,
        scopes: grantedScopes,
        expiresAt,
        rateLimit,
      });
      await this.recordCliAction(
        admin,
        tenant.id,
        'api_key.created',
        { type: 'api_key', id: key.id },
        {
          name: key.name,
          scopes: key.scopes,
        },
      );
      return {
        id: key.id,
        key: secret.key,
        tenantId: tenant.id,
        name: key.name,
        scopes: key.scopes,
        expiresAt: key.expiresAt,
        rateLimit: key.rateLimit,
      };
    });
  }

  async revokeKey(id: unknown) {
    const keyId = parse(z.uuid({ error: 'expected the key id (a UUID)' }), id, 'key id');
    return this.withClient(async (admin) => {
      const key = await this.keys.revoke(admin, keyId);
      if (!key) throw new CommandError(`no api key ${keyId}`);
      await this.recordCliAction(admin, key.tenantId, 'api_key.revoked', { type: 'api_key', id: key.id });
      return { id: key.id, revokedAt: key.revokedAt };
    });
  }

  /** A JWT signed with the platform's own HS256 secret, for development and scripts. */
  async mintToken(jwt: JwtSettings, options: { tenant?: string; scopes?: string; subject?: string; ttl?: string }) {
    if (!options.tenant) throw new CommandError('--tenant <slug or id> is required');
    const mintedScopes = parse(tokenScopes, options.scopes ?? '', '--scopes');
    const ttlSeconds = parse(
      z.coerce
        .number()
        .int()
        .min(60)
        .max(30 * 24 * 3600),
      options.ttl ?? 3600,
      '--ttl',
    );
    const tenant = await this.withClient((admin) => this.tenants.findByRef(admin, options.tenant!));
    if (!tenant) throw unknownTenant(options.tenant!);
    const subject = options.subject ?? 'cli';
    const token = mintLocalToken(jwt, { tenantId: tenant.id, scopes: mintedScopes, subject, ttlSeconds });
    return {
      token,
      tenantId: tenant.id,
      subject,
      scopes: mintedScopes,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    };
  }
}
