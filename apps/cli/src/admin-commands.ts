import { generateApiKeySecret, type JwtSettings, KEY_SCOPES, mintLocalToken, SCOPES } from '@copilot/auth';
import {
  ApiKeyRepository,
  applyMigrations,
  AuditEventRepository,
  createPrismaClient,
  JobRepository,
  isUniqueViolation,
  type PrismaClient,
  TenantRepository,
  TenantSecretRepository,
} from '@copilot/persistence';
import { type EncryptionSettings, SecretBox, TenantSecrets } from '@copilot/secrets';
import { z } from 'zod';
import { CommandError } from './cli-errors';
import { parse } from './values';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected 2-63 lowercase letters, digits or dashes');
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

export const unknownTenant = (ref: string) => new CommandError(`no tenant '${ref}'; see tenant:list`);

/** Platform administration through the owner's connection (it sees every tenant). */
export class AdminCommands {
  private readonly tenants = new TenantRepository();
  private readonly keys = new ApiKeyRepository();
  private readonly audit = new AuditEventRepository();
  private readonly jobs = new JobRepository();

  constructor(private readonly adminUrl: string) {}

  async createTenant(slugArg: unknown, name?: string) {
    const tenantSlug = parse(slug, slugArg, 'tenant slug');
    return this.withClient(async (admin) => {
      try {
        const tenant = await this.tenants.create(admin, { slug: tenantSlug, name: name ?? tenantSlug });
        await this.recordCliAction(admin, tenant.id, 'tenant.created', { type: 'tenant', id: tenant.id });
        return {
          id: tenant.id,
          slug: tenant.slug,
          name: tenant.name,
          retentionDays: tenant.retentionDays,
          createdAt: tenant.createdAt,
        };
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CommandError(`a tenant with slug ${tenantSlug} already exists`);
        }
        throw error;
      }
    });
  }

  /** Token budgets per UTC day and month; `none` removes one. */
  async setBudget(ref: unknown, options: { daily?: string; monthly?: string }) {
    if (typeof ref !== 'string') throw new CommandError('tenant:budget needs the tenant slug or id');
    const budget = (value: string | undefined, what: string) =>
      value === undefined
        ? undefined
        : value === 'none'
          ? null
          : BigInt(parse(z.coerce.number().int().min(1), value, what));
    const daily = budget(options.daily, '--daily');
    const monthly = budget(options.monthly, '--monthly');
    if (daily === undefined && monthly === undefined)
      throw new CommandError('give --daily and/or --monthly (a number, or none)');
    return this.withClient(async (admin) => {
      const tenant = await this.tenants.findByRef(admin, ref);
      if (!tenant) throw unknownTenant(ref);
      const updated = await this.tenants.setBudgets(admin, tenant.id, { daily, monthly });
      await this.recordCliAction(
        admin,
        tenant.id,
        'tenant.budget_set',
        { type: 'tenant', id: tenant.id },
        {
          daily: String(updated.dailyTokenBudget ?? 'none'),
          monthly: String(updated.monthlyTokenBudget ?? 'none'),
        },
      );
      return {
        id: tenant.id,
        dailyTokenBudget: updated.dailyTokenBudget === null ? null : Number(updated.dailyTokenBudget),
        monthlyTokenBudget: updated.monthlyTokenBudget === null ? null : Number(updated.monthlyTokenBudget),
      };
    });
  }

  /** Days of conversations and finished jobs the tenant keeps; `default` follows RETENTION_DAYS. */
  async setRetention(ref: unknown, days: unknown) {
    if (typeof ref !== 'string') throw new CommandError('tenant:retention needs the tenant slug or id');
    const retentionDays =
      days === 'default' ? null : parse(z.coerce.number().int().min(1).max(36_500), days, 'days (or default)');
    return this.withClient(async (admin) => {
      const tenant = await this.tenants.findByRef(admin, ref);
      if (!tenant) throw unknownTenant(ref);
      const updated = await this.tenants.setRetention(admin, tenant.id, retentionDays);
      await this.recordCliAction(
        admin,
        tenant.id,
        'tenant.retention_set',
        { type: 'tenant', id: tenant.id },
        { retentionDays: String(updated.retentionDays ?? 'default') },
      );
      return { id: updated.id, slug: updated.slug, retentionDays: updated.retentionDays };
    });
  }

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

  /** Re-seals every tenant secret under the current ENCRYPTION_KEY (after a key rotation). */
  reencryptSecrets(encryption: EncryptionSettings) {
    const secrets = new TenantSecrets(new SecretBox(encryption), new TenantSecretRepository());
    return this.withClient(async (admin) => ({
      keyVersion: encryption.current.version,
      ...(await secrets.reencryptAll(admin)),
    }));
  }

  /** Failed jobs (retries exhausted), newest first, with why they failed. */
  async failedJobs(options: { tenant?: string; limit?: string }) {
    const limit = parse(z.coerce.number().int().min(1).max(1_000), options.limit ?? 50, '--limit');
    return this.withClient(async (admin) => {
      const tenant = options.tenant ? await this.tenants.findByRef(admin, options.tenant) : null;
      if (options.tenant && !tenant) throw unknownTenant(options.tenant);
      const jobs = await this.jobs.listFailed(admin, { tenantId: tenant?.id, limit });
      return jobs.map((j) => ({
        id: j.id,
        tenantId: j.tenantId,
        type: j.name,
        attempts: j.attempts,
        error: j.error,
        requestId: j.requestId,
        finishedAt: j.finishedAt,
      }));
    });
  }

  /** Runs a failed job again: it is queued afresh and the outbox relay hands it to a worker. */
  async retryJob(id: unknown) {
    const jobId = parse(z.uuid({ error: 'expected the job id (a UUID)' }), id, 'job id');
    return this.withClient(async (admin) => {
      const job = await this.jobs.requeueFailed(admin, jobId);
      if (!job) throw new CommandError(`no failed job ${jobId}`);
      await this.recordCliAction(admin, job.tenantId, 'job.retried', { type: 'job', id: job.id });
      return { id: job.id, status: job.status };
    });
  }

  migrate(log: (line: string) => void) {
    return applyMigrations(this.adminUrl, { log });
  }

  /** Operator actions are audited like a tenant admin's, with the CLI as the actor. */
  private recordCliAction(
    admin: PrismaClient,
    tenantId: string,
    action: string,
    target: { type: string; id: string },
    metadata?: Record<string, string | string[]>,
  ): Promise<void> {
    return this.audit.record(admin, {
      tenantId,
      actorType: 'cli',
      actorId: 'operator',
      action,
      targetType: target.type,
      targetId: target.id,
      metadata,
    });
  }

  private async withClient<T>(work: (admin: PrismaClient) => Promise<T>): Promise<T> {
    const admin = createPrismaClient({ url: this.adminUrl, poolSize: 1 });
    try {
      return await work(admin);
    } finally {
      await admin.$disconnect();
    }
  }
}
