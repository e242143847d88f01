import type { Command } from 'commander';
import type { Tenant } from '@copilot/persistence';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { defineCommand } from '../command-kit';
import { fields, table } from '../output';
import { nextPageHint, pageOf, readPage, withPaging } from './paging';

const summary = (t: Tenant) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  retentionDays: t.retentionDays,
  dailyTokenBudget: t.dailyTokenBudget === null ? null : Number(t.dailyTokenBudget),
  monthlyTokenBudget: t.monthlyTokenBudget === null ? null : Number(t.monthlyTokenBudget),
  createdAt: t.createdAt,
});

export function registerTenantCommands(program: Command, cli: CliContext): void {
  const tenants = async () => new (await import('../on-demand/persistence')).TenantRepository();

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:create <slug>',
      description: 'Create a tenant (2-63 lowercase letters, digits or dashes).',
      examples: ['tenant:create acme', "tenant:create acme --name 'Acme Corp' --json"],
    },
    (c) => c.option('--name <display name>', 'display name (default: the slug)'),
    async ({ args, options, out }) => {
      const tenant = await (await cli.tenantAdmin()).createTenant(args[0], options.name as string | undefined);
      out.result(tenant, (t) => `created tenant ${t.slug}\n${fields(t)}`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:budget <tenant>',
      description: 'Set token budgets per UTC day and month (a number of tokens, or none to remove one).',
      examples: ['tenant:budget acme --daily 200000', 'tenant:budget acme --monthly none'],
    },
    (c) =>
      c
        .option('--daily <tokens>', 'tokens per UTC day, or none')
        .option('--monthly <tokens>', 'tokens per UTC month, or none'),
    async ({ args, options, out }) => {
      const budget = await (
        await cli.tenantAdmin()
      ).setBudget(args[0], options as { daily?: string; monthly?: string });
      out.result(budget, (b) => `budgets of ${args[0]}\n${fields(b)}`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:retention <tenant> <days>',
      description: 'Days of conversations and finished jobs the tenant keeps; `default` follows RETENTION_DAYS.',
      examples: ['tenant:retention acme 30', 'tenant:retention acme default'],
    },
    (c) => c,
    async ({ args, out }) => {
      const result = await (await cli.tenantAdmin()).setRetention(args[0], args[1]);
      out.result(result, (r) => `retention of ${r.slug}: ${r.retentionDays ?? 'default (RETENTION_DAYS)'} days`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:list',
      description: 'List tenants, newest first.',
      examples: ['tenant:list', 'tenant:list --limit 10 --json'],
    },
    (c) => withPaging(c),
    async ({ options, out }) => {
      const paging = await pageOf(options);
      const page = await readPage(async () => (await tenants()).list(await cli.owner(), paging));
      const result = { data: page.data.map(summary), nextCursor: page.nextCursor };
      out.result(
        result,
        (r) =>
          table(r.data, [
            ['SLUG', (t) => t.slug],
            ['NAME', (t) => t.name],
            ['ID', (t) => t.id],
            ['CREATED', (t) => t.createdAt],
          ]) + nextPageHint(r.nextCursor),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:show <tenant>',
      description: 'Show a tenant (by slug or id): settings, budgets, and what it holds.',
      examples: ['tenant:show acme', 'tenant:show 0b6f7c1e-8a1d-4c4b-9a55-2f3f1a9d8e21 --json'],
    },
    (c) => c,
    async ({ args, out }) => {
      const tenant = await cli.tenant(args[0]!);
      const stats = await (await tenants()).statsOf(await cli.owner(), tenant.id);
      out.result({ ...summary(tenant), stats }, ({ stats: s, ...t }) =>
        fields({
          ...t,
          retentionDays: t.retentionDays ?? 'default (RETENTION_DAYS)',
          dailyTokenBudget: t.dailyTokenBudget ?? 'unlimited',
          monthlyTokenBudget: t.monthlyTokenBudget ?? 'unlimited',
          activeApiKeys: s.activeApiKeys,
          copilots: s.copilots,
          collections: s.collections,
          documents: s.documents,
          conversations: s.conversations,
          jobs:
            Object.entries(s.jobsByStatus)
              .map(([status, n]) => `${status} ${n}`)
              .join(', ') || 'none',
        }),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'tenant:delete <tenant>',
      description:
        'Erase a tenant (by slug or id) and everything it holds: its rows, audit trail included, and its Redis state (job event streams, budget counters, rate limits). Refuses, changing nothing, without --confirm.',
      summary: 'Erase a tenant and all its data (needs --confirm).',
      examples: ['tenant:delete acme', 'tenant:delete acme --confirm --json'],
    },
    (c) => c.option('--confirm', 'really erase the tenant; without it nothing changes'),
    async ({ args, options, out }) => {
      const tenant = await cli.tenant(args[0]!);
      const repository = await tenants();
      if (!options.confirm) {
        const s = await repository.statsOf(await cli.owner(), tenant.id);
        const jobs = Object.values(s.jobsByStatus).reduce((sum, n) => sum + n, 0);
        throw new CommandError(
          `refusing to erase tenant ${tenant.slug} (${tenant.id}) without --confirm: it holds ` +
            `${s.conversations} conversations, ${s.documents} documents, ${s.collections} collections, ` +
            `${s.copilots} copilots, ${s.activeApiKeys} active API keys and ${jobs} jobs; nothing was changed`,
        );
      }
      const { TenantErasure } = await import('../tenant-erasure');
      const erasure = new TenantErasure(await cli.owner(), await cli.redis(), repository);
      const report = await erasure.erase(tenant);
      out.result(report, (r) =>
        [
          `erased tenant ${r.slug} (${r.id})`,
          fields({
            conversations: r.erased.conversations,
            documents: r.erased.documents,
            collections: r.erased.collections,
            copilots: r.erased.copilots,
            activeApiKeys: r.erased.activeApiKeys,
            jobs: Object.values(r.erased.jobsByStatus).reduce((sum, n) => sum + n, 0),
            redisKeys: r.redisKeys,
          }),
        ].join('\n'),
      );
    },
  );
}
