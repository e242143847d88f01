import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { presentCopilot } from '@copilot/persistence/presenters';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { defineCommand } from '../command-kit';
import { fields } from '../output';
import { cliActor } from '../platform/cli-actor';
import { defineTenantListCommand } from './paging';
import { resolveCollection, resolveCopilot } from './refs';

/** The api's own check of a provider/model reference. */
async function modelRefSchema() {
  const [{ parseModelRef }, { z }] = await Promise.all([import('../on-demand/llm'), import('../values')]);
  return z.string().refine((ref) => {
    try {
      parseModelRef(ref);
      return true;
    } catch {
      return false;
    }
  }, 'expected provider/model with provider openai, anthropic, gemini or local (e.g. anthropic/claude-sonnet-4-5)');
}
const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

async function instructionsOf(options: Record<string, unknown>): Promise<string> {
  if (options.instructions !== undefined && options.instructionsFile !== undefined)
    throw new CommandError('give --instructions or --instructions-file, not both');
  if (typeof options.instructionsFile === 'string') {
    try {
      return readFileSync(options.instructionsFile, 'utf8');
    } catch {
      throw new CommandError(`--instructions-file: cannot read ${options.instructionsFile}`);
    }
  }
  const { parse, z } = await import('../values');
  return parse(z.string().max(100_000), options.instructions ?? '', '--instructions');
}

export function registerCopilotCommands(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'copilot:create',
      summary: 'Create a copilot (a named assistant), as POST /v1/copilots does.',
      description:
        'Create a copilot (a named assistant: instructions, model, sampling, fallbacks, the collections it answers from), as POST /v1/copilots does.',
      examples: [
        "copilot:create --tenant acme --name support --instructions 'Answer from the handbook.' --collections handbook",
        'copilot:create --tenant acme --name triage --model anthropic/claude-sonnet-4-5 --fallback-models openai/gpt-4o-mini --temperature 0.2 --json',
      ],
    },
    (c) =>
      c
        .requiredOption('--tenant <tenant>', 'tenant slug or id')
        .requiredOption('--name <name>', 'the copilot name')
        .option('--instructions <text>', 'system instructions')
        .option('--instructions-file <path>', 'read the instructions from a file')
        .option('--model <provider/model>', 'e.g. anthropic/claude-sonnet-4-5 (default: DEFAULT_MODEL)')
        .option('--temperature <0-2>', 'sampling temperature (default: the provider default)')
        .option('--max-tokens <n>', 'reply length limit')
        .option('--fallback-models <list>', 'comma-separated models tried when the model fails')
        .option('--collections <list>', 'comma-separated collection names or ids to ground replies in'),
    async ({ options, out }) => {
      const [{ parse, z }, modelRef] = await Promise.all([import('../values'), modelRefSchema()]);
      const tenant = await cli.tenant(options.tenant as string);
      const fieldsToCreate = {
        name: parse(z.string().trim().min(1).max(100), options.name, '--name'),
        instructions: await instructionsOf(options),
        model: options.model === undefined ? null : parse(modelRef, options.model, '--model'),
        temperature:
          options.temperature === undefined
            ? null
            : parse(z.coerce.number().min(0).max(2), options.temperature, '--temperature'),
        maxTokens:
          options.maxTokens === undefined
            ? null
            : parse(z.coerce.number().int().min(1).max(200_000), options.maxTokens, '--max-tokens'),
        fallbackModels: parse(z.array(modelRef).max(5), list(options.fallbackModels), '--fallback-models'),
        collectionIds: await Promise.all(
          list(options.collections).map(async (ref) => (await resolveCollection(cli, tenant, ref)).id),
        ),
      };
      const { copilots } = await cli.platform();
      const copilot = presentCopilot(await copilots.create(cliActor(tenant.id), fieldsToCreate));
      out.result(copilot, (c) => `created copilot ${c.name}\n${fields(c)}`);
    },
  );

  defineTenantListCommand(
    program,
    cli,
    {
      name: 'copilot:list',
      description: "List a tenant's copilots, newest first.",
      examples: ['copilot:list --tenant acme', 'copilot:list --tenant acme --json'],
    },
    {
      read: ({ CopilotRepository }, tx, page) => new CopilotRepository().list(tx, page),
      present: presentCopilot,
      columns: [
        ['NAME', (c) => c.name],
        ['ID', (c) => c.id],
        ['MODEL', (c) => c.model ?? 'default'],
        ['COLLECTIONS', (c) => c.collectionIds.length],
        ['CREATED', (c) => c.createdAt],
      ],
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'copilot:show <copilot>',
      description: 'Show one copilot, by name or id.',
      examples: [
        'copilot:show support --tenant acme',
        'copilot:show 5d0c9f1a-2b3e-4c5d-8e9f-0a1b2c3d4e5f --tenant acme --json',
      ],
    },
    (c) => c.requiredOption('--tenant <tenant>', 'tenant slug or id'),
    async ({ args, options, out }) => {
      const tenant = await cli.tenant(options.tenant as string);
      const copilot = presentCopilot(await resolveCopilot(cli, tenant, args[0]!));
      out.result(copilot, (c) => fields(c));
    },
  );
}
