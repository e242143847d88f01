import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { defineCommand } from '../command-kit';
import { fields } from '../output';

export function registerSecretCommands(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'secrets:reencrypt',
      summary: 'Re-seal every tenant secret under the current ENCRYPTION_KEY.',
      description:
        'Re-seal every tenant secret (provider keys) under the current ENCRYPTION_KEY, after a key rotation ' +
        '(new ENCRYPTION_KEY and ENCRYPTION_KEY_VERSION, the old key in ENCRYPTION_PREVIOUS_KEYS); then the old key can go.',
      examples: ['secrets:reencrypt', 'secrets:reencrypt --json'],
    },
    (c) => c,
    async ({ out }) => {
      const { encryptionConfig, loadSettings } = await import('../on-demand/config');
      const { encryption } = loadSettings('cli', [encryptionConfig] as const);
      const result = await (await cli.databaseAdmin()).reencryptSecrets(encryption);
      out.result(result, (r) => fields(r));
    },
  );
}
