import type { Command } from 'commander';
import { CliContext } from './cli-context';
import { createProgram } from './program';

// Docs, scripts and other tests call these by name and position: they must keep both.
const EXISTING_COMMANDS: Record<string, string[]> = {
  'tenant:create': ['slug'],
  'tenant:budget': ['tenant'],
  'tenant:retention': ['tenant', 'days'],
  'key:create': [],
  'key:revoke': ['key-id'],
  'token:mint': [],
  'jobs:failed': [],
  'jobs:retry': ['job-id'],
  'secrets:reencrypt': [],
  migrate: [],
};

describe(createProgram.name, () => {
  const program = createProgram(new CliContext());
  const byName = (name: string) => program.commands.find((c) => c.name() === name);
  const argumentsOf = (command: Command) => command.registeredArguments.map((a) => a.name());

  it.each(Object.entries(EXISTING_COMMANDS))('keeps %s with its arguments', (name, args) => {
    const command = byName(name);
    expect(command).toBeDefined();
    expect(argumentsOf(command!)).toEqual(args);
  });

  it('keeps the options scripts pass to the existing commands', () => {
    const optionsOf = (name: string) => byName(name)!.options.map((o) => o.long);
    expect(optionsOf('key:create')).toEqual(
      expect.arrayContaining(['--tenant', '--scopes', '--name', '--expires-at', '--rate-limit']),
    );
    expect(optionsOf('tenant:budget')).toEqual(expect.arrayContaining(['--daily', '--monthly']));
    expect(optionsOf('token:mint')).toEqual(expect.arrayContaining(['--tenant', '--scopes', '--subject', '--ttl']));
    expect(optionsOf('jobs:failed')).toEqual(expect.arrayContaining(['--tenant', '--limit']));
  });

  it('gives every command --json and help with examples', () => {
    for (const command of program.commands.filter((c) => c.name() !== 'help')) {
      expect([command.name(), command.options.some((o) => o.long === '--json')]).toEqual([command.name(), true]);
      let help = '';
      command.configureOutput({ writeOut: (s) => (help += s) }).outputHelp();
      expect(help).toContain(`Examples:\n  $ npm run cli -- ${command.name()}`);
    }
  });
});
