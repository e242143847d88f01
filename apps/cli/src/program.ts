import { Command } from 'commander';
import type { CliContext } from './cli-context';
import { registerCollectionCommands } from './commands/collections';
import { registerCopilotCommands } from './commands/copilots';
import { registerDatabaseCommands } from './commands/database';
import { registerIngestCommand } from './commands/ingest';
import { registerJobCommands } from './commands/jobs';
import { registerKeyCommands } from './commands/keys';
import { registerSecretCommands } from './commands/secrets';
import { registerTenantCommands } from './commands/tenants';

/**
 * The operator's CLI. Errors never exit from inside commander: they are thrown
 * (exitOverride) so main.ts maps every outcome to one exit code.
 */
export function createProgram(cli: CliContext): Command {
  const program = new Command('npm run cli --')
    .description(
      'Copilot Platform administration: tenants, keys, copilots, knowledge, jobs, database. ' +
        'Connects with DATABASE_ADMIN_URL (the schema owner), DATABASE_URL and REDIS_URL, as the apps do.',
    )
    .usage('<command> [options]')
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(npm run cli -- --help lists the commands)')
    .addHelpText(
      'after',
      '\nEvery command takes --help (with examples) and --json.\n' +
        'Exit codes: 0 ok, 1 the operation was refused (bad value, unknown tenant, failed document), ' +
        '2 usage error, 70 internal error.\n',
    );
  program.commandsGroup('Tenants and access:');
  registerTenantCommands(program, cli);
  registerKeyCommands(program, cli);
  program.commandsGroup('Copilots and knowledge:');
  registerCopilotCommands(program, cli);
  registerCollectionCommands(program, cli);
  registerIngestCommand(program, cli);
  program.commandsGroup('Jobs:');
  registerJobCommands(program, cli);
  program.commandsGroup('Database and secrets:');
  registerDatabaseCommands(program, cli);
  registerSecretCommands(program, cli);
  return program;
}
