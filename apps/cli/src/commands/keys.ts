import type { Command } from 'commander';
import type { ApiKeyRecord } from '@copilot/persistence';
import type { CliContext } from '../cli-context';
import { defineCommand } from '../command-kit';
import { fields, table } from '../output';
import { nextPageHint, pageOf, readPage, withPaging } from './paging';

const SCOPES_HELP =
  'comma-separated: chat:read, chat:write, documents:read, documents:write, admin, and platform:admin ' +
  '(only this command grants it: /v1/admin/* and /admin/queues across tenants)';

const statusOf = (k: ApiKeyRecord, now = new Date()) =>
  k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';

/** A key as listings show it: its prefix tells keys apart; the secret itself is never stored. */
const presentKey = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  status: statusOf(k),
  rateLimit: k.rateLimit,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
});

export function registerKeyCommands(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'key:create',
      description: 'Create an API key for a tenant. The key is printed once, now: store it.',
      examples: [
        'key:create --tenant acme --scopes chat:read,chat:write',
        'key:create --tenant acme --scopes admin --name ci --expires-at 2027-01-01 --rate-limit 500',
        'key:create --tenant ops --scopes platform:admin --name operator',
      ],
    },
    (c) =>
      c
        .requiredOption('--tenant <tenant>', 'tenant slug or id')
        .requiredOption('--scopes <scopes>', SCOPES_HELP)
        .option('--name <name>', 'a name to tell keys apart (default: default)')
        .option('--expires-at <ISO date>', 'when the key stops working')
        .option('--rate-limit <n>', 'requests per rate-limit window (default: the platform default)'),
    async ({ options, out }) => {
      const key = await (
        await cli.accessAdmin()
      ).createKey({
        tenant: options.tenant as string,
        scopes: options.scopes as string,
        name: options.name as string | undefined,
        expiresAt: options.expiresAt as string | undefined,
        rateLimit: options.rateLimit as string | undefined,
      });
      out.result(key, (k) => `${fields(k)}\n\nStore the key now: it is not shown again.`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'key:revoke <key-id>',
      description: 'Revoke an API key; it stops working on the next request.',
      examples: ['key:revoke 3f1c2b9e-6d7a-4e58-9b0c-1a2d3e4f5a6b'],
    },
    (c) => c,
    async ({ args, out }) => {
      const revoked = await (await cli.accessAdmin()).revokeKey(args[0]);
      out.result(revoked, (r) => `revoked key ${r.id} (at ${r.revokedAt?.toISOString()})`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'key:list',
      description: "List a tenant's API keys, newest first: names, prefixes, scopes and state, never secrets.",
      examples: ['key:list --tenant acme', 'key:list --tenant acme --json'],
    },
    (c) => withPaging(c.requiredOption('--tenant <tenant>', 'tenant slug or id')),
    async ({ options, out }) => {
      const tenant = await cli.tenant(options.tenant as string);
      const { ApiKeyRepository, inTenantTransaction } = await import('../on-demand/persistence');
      const paging = await pageOf(options);
      const page = await readPage(async () =>
        inTenantTransaction(await cli.app(), tenant.id, (tx) => new ApiKeyRepository().list(tx, paging)),
      );
      const result = { data: page.data.map(presentKey), nextCursor: page.nextCursor };
      out.result(
        result,
        (r) =>
          table(r.data, [
            ['ID', (k) => k.id],
            ['NAME', (k) => k.name],
            ['PREFIX', (k) => `${k.prefix}…`],
            ['SCOPES', (k) => k.scopes],
            ['STATUS', (k) => k.status],
            ['EXPIRES', (k) => k.expiresAt],
            ['LAST USED', (k) => k.lastUsedAt],
          ]) + nextPageHint(r.nextCursor),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'token:mint',
      description: "A JWT signed with the platform's own HS256 secret (JWT_SECRET), for development and scripts.",
      examples: [
        'token:mint --tenant acme --scopes chat:read,chat:write',
        'token:mint --tenant acme --scopes chat:read --subject dev --ttl 600 --json',
      ],
    },
    (c) =>
      c
        .requiredOption('--tenant <tenant>', 'tenant slug or id')
        .requiredOption(
          '--scopes <scopes>',
          'comma-separated: chat:read, chat:write, documents:read, documents:write, admin',
        )
        .option('--subject <sub>', 'the token subject (default: cli)')
        .option('--ttl <seconds>', 'lifetime in seconds, 60 to 30 days (default 3600)'),
    async ({ options, out }) => {
      const { jwtConfig, loadSettings } = await import('../on-demand/config');
      const { jwt } = loadSettings('cli', [jwtConfig] as const);
      const minted = await (await cli.accessAdmin()).mintToken(jwt, options as { tenant: string; scopes: string });
      out.result(minted, (m) => fields(m));
    },
  );
}
