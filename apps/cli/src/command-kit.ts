import type { Command } from 'commander';
import type { CliContext } from './cli-context';
import { Output } from './output';

export interface CommandSpec {
  /** `group:verb <required> [optional]`, as commander reads it. */
  name: string;
  description: string;
  /** The line in the command list; default: the description's first sentence. */
  summary?: string;
  /** Argument lines, without the `npm run cli --` in front. */
  examples: string[];
}

export interface Invocation {
  args: string[];
  options: Record<string, unknown>;
  out: Output;
  cli: CliContext;
}

/**
 * Adds one command with what every command has: a description, examples in its
 * --help, --json, and its usage printed after a usage error. The handler's
 * number, if any, becomes the exit code.
 */
export function defineCommand(
  parent: Command,
  cli: CliContext,
  spec: CommandSpec,
  configure: (command: Command) => Command,
  handler: (invocation: Invocation) => Promise<number | void>,
): Command {
  const command = parent
    .command(spec.name)
    .description(spec.description)
    .summary(spec.summary ?? firstSentence(spec.description))
    .option('--json', 'print machine-readable JSON instead of text')
    .showHelpAfterError(true)
    .addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ npm run cli -- ${e}`).join('\n')}\n`);
  configure(command).action(async (...params: unknown[]) => {
    // commander passes the declared arguments, then the options object, then the command itself.
    const self = params.at(-1) as Command;
    const options = self.opts();
    const args = params.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
    const code = await handler({ args, options, out: new Output(Boolean(options.json)), cli });
    if (typeof code === 'number') cli.exitCode = code;
  });
  return command;
}

const firstSentence = (text: string) =>
  text
    .split('\n')[0]!
    .replace(/^(.*?[.:])\s.*$/, '$1')
    .replace(/:$/, '.');
