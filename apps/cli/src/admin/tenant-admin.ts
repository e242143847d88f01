import { isUniqueViolation, TenantRepository } from '@copilot/persistence';
import { z } from 'zod';
import { CommandError } from '../cli-errors';
import { parse } from '../values';
import { OwnerSession, unknownTenant } from './owner-session';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected 2-63 lowercase letters, digits or dashes');

/** tenant:create, tenant:budget, tenant:retention. */
export class TenantAdmin extends OwnerSession {
  private readonly tenants = new TenantRepository();

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
}
