import { CliContext } from './cli-context';
import { describeFailure, EXIT } from './cli-errors';
import { createProgram } from './program';

async function main(argv: string[]): Promise<number> {
  const cli = new CliContext();
  try {
    const program = createProgram(cli);
    // No command at all is a usage error (exit 2), with the list of commands.
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return cli.exitCode;
  } catch (error) {
    const { message, code } = describeFailure(error);
    if (message) process.stderr.write(`error: ${message}\n`);
    return code;
  } finally {
    await cli.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
