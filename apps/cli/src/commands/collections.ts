import type { Command } from 'commander';
import { presentCollection } from '@copilot/persistence/presenters';
import type { CliContext } from '../cli-context';
import { defineCommand } from '../command-kit';
import { fields } from '../output';
import { cliActor } from '../platform/cli-actor';
import { defineTenantListCommand } from './paging';

export function registerCollectionCommands(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'collection:create',
      summary: 'Create a collection (a knowledge base), as POST /v1/collections does.',
      description: 'Create a collection (a knowledge base, embedded with one model), as POST /v1/collections does.',
      examples: [
        "collection:create --tenant acme --name handbook --description 'HR policies'",
        'collection:create --tenant acme --name specs --embedding-model openai/text-embedding-3-small --json',
      ],
    },
    (c) =>
      c
        .requiredOption('--tenant <tenant>', 'tenant slug or id')
        .requiredOption('--name <name>', 'the collection name')
        .option('--description <text>', 'what it holds')
        .option('--embedding-model <model>', 'local or openai/<model> (default: EMBEDDING_MODEL)'),
    async ({ options, out }) => {
      const { parse, z } = await import('../values');
      const tenant = await cli.tenant(options.tenant as string);
      const input = {
        name: parse(z.string().trim().min(1).max(200), options.name, '--name'),
        description: parse(z.string().max(2_000), options.description ?? '', '--description'),
        ...(options.embeddingModel === undefined
          ? {}
          : {
              embeddingModel: parse(
                z.string().regex(/^(local|openai\/\S+)$/, 'expected local or openai/<model>'),
                options.embeddingModel,
                '--embedding-model',
              ),
            }),
      };
      const { collections } = await cli.platform();
      const collection = presentCollection(await collections.create(cliActor(tenant.id), input));
      out.result(collection, (c) => `created collection ${c.name}\n${fields(c)}`);
    },
  );

  defineTenantListCommand(
    program,
    cli,
    {
      name: 'collection:list',
      description: "List a tenant's collections, newest first.",
      examples: ['collection:list --tenant acme', 'collection:list --tenant acme --json'],
    },
    {
      read: ({ CollectionRepository }, tx, page) => new CollectionRepository().list(tx, page),
      present: presentCollection,
      columns: [
        ['NAME', (c) => c.name],
        ['ID', (c) => c.id],
        ['EMBEDDING', (c) => c.embeddingModel],
        ['CREATED', (c) => c.createdAt],
      ],
    },
  );
}
