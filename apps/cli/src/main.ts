import { parseArgs } from 'node:util';
import { adminDatabaseConfig, encryptionConfig, jwtConfig, loadSettings, SettingsError } from '@copilot/config';
import { AdminCommands, CommandError } from './admin-commands';

const USAGE = `usage: npm run cli -- <command>
  tenant:create <slug> [--name <display name>]
  tenant:budget <slug|id> [--daily <tokens>|none] [--monthly <tokens>|none]
  tenant:retention <slug|id> <days|default>
  key:create --tenant <slug|id> --scopes <scope,...> [--name <name>] [--expires-at <ISO date>] [--rate-limit <n>]
             (scopes: chat:read, chat:write, documents:read, documents:write, admin, and platform:admin,
              which only this command grants: /v1/admin/* and /admin/queues across tenants)
  key:revoke <key id>
  token:mint --tenant <slug|id> --scopes <scope,...> [--subject <sub>] [--ttl <seconds>]
  jobs:failed [--tenant <slug|id>] [--limit <n>]
  jobs:retry <job id>
  secrets:reencrypt
  migrate`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tenant: { type: 'string' },
      scopes: { type: 'string' },
      'expires-at': { type: 'string' },
      subject: { type: 'string' },
      'rate-limit': { type: 'string' },
      daily: { type: 'string' },
      limit: { type: 'string' },
      monthly: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
  const admin = new AdminCommands(adminDatabase.url);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  switch (command) {
    case 'tenant:create':
      print(await admin.createTenant(rest[0], values.name));
      return 0;
    case 'tenant:budget':
      print(await admin.setBudget(rest[0], values));
      return 0;
    case 'tenant:retention':
      print(await admin.setRetention(rest[0], rest[1]));
      return 0;
    case 'key:create':
      print(await admin.createKey({ ...values, expiresAt: values['expires-at'], rateLimit: values['rate-limit'] }));
      return 0;
    case 'key:revoke':
      print(await admin.revokeKey(rest[0]));
      return 0;
    case 'token:mint': {
      const { jwt } = loadSettings('cli', [jwtConfig] as const);
      print(await admin.mintToken(jwt, values));
      return 0;
    }
    case 'jobs:failed':
      print(await admin.failedJobs(values));
      return 0;
    case 'jobs:retry':
      print(await admin.retryJob(rest[0]));
      return 0;
    case 'secrets:reencrypt': {
      const { encryption } = loadSettings('cli', [encryptionConfig] as const);
      print(await admin.reencryptSecrets(encryption));
      return 0;
    }
    case 'migrate':
      print(await admin.migrate((line) => process.stderr.write(`${line}\n`)));
      return 0;
    default:
      process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof CommandError ||
      error instanceof SettingsError ||
      (error as { code?: string })?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    process.stderr.write(`error: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(known ? 1 : 70);
  },
);
