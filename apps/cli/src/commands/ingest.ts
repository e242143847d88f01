import { readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Document } from '@copilot/persistence';
import type { CliContext } from '../cli-context';
import { CommandError, describeFailure, EXIT } from '../cli-errors';
import { defineCommand } from '../command-kit';
import { table } from '../output';
import { IngestProgress, TERMINAL_STAGES } from '../ingest/ingest-progress';
import { resolveCollection } from './refs';

interface IngestRow {
  file: string;
  documentId: string | null;
  jobId: string | null;
  duplicate: boolean;
  stage: string;
  progress: number;
  chunkCount: number;
  error: string | null;
}

const POLL_MS = 300;

const errorText = (error: unknown): string | null =>
  error === null || error === undefined
    ? null
    : typeof error === 'object' && 'message' in error
      ? String((error as { message: unknown }).message)
      : JSON.stringify(error);

const fromDocument = (row: IngestRow, d: Document): IngestRow => ({
  ...row,
  stage: d.stage,
  progress: d.progress,
  chunkCount: d.chunkCount,
  error: errorText(d.error),
});

export function registerIngestCommand(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'ingest <folder>',
      description:
        'Ingest every supported file of a folder (text, Markdown, HTML, PDF, DOCX; recursively) into a collection. ' +
        'Each file is accepted exactly as an upload to POST /v1/collections/:id/documents is, and the workers ingest it; ' +
        'the command follows each document until it is indexed or failed (or returns at once with --no-wait). ' +
        'A file already in the collection (same content) is not ingested twice. Exit code 1 if any document failed.',
      examples: [
        'ingest ./handbook --tenant acme --collection handbook',
        'ingest ./specs --tenant acme --collection 6a1f... --no-wait --json',
      ],
    },
    (c) =>
      c
        .requiredOption('--tenant <tenant>', 'tenant slug or id')
        .requiredOption('--collection <collection>', 'collection name or id')
        .option('--no-wait', 'return once the files are accepted and queued')
        .option('--timeout <seconds>', 'give up following after this long (default 600)'),
    async ({ args, options, out }) => {
      const folder = args[0]!;
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new CommandError(`no folder ${folder}`);
      const [{ parse, z }, { scanFolder }] = await Promise.all([import('../values'), import('../ingest/folder-files')]);
      const timeoutMs = parse(z.coerce.number().int().min(1).max(86_400), options.timeout ?? 600, '--timeout') * 1000;
      const tenant = await cli.tenant(options.tenant as string);
      const collection = await resolveCollection(cli, tenant, options.collection as string);
      const { supported, skipped } = scanFolder(folder);
      if (supported.length === 0)
        throw new CommandError(`no supported file in ${folder} (text, Markdown, HTML, PDF, DOCX)`);
      for (const name of skipped) out.note(`skipped ${name}: not a supported type`);

      const { documents } = await cli.platform();
      // One request id for the whole run: the worker's logs for these documents carry it.
      const requestId = `cli-ingest-${randomUUID()}`;
      let rows: IngestRow[] = [];
      for (const file of supported) {
        const row: IngestRow = {
          file: file.name,
          documentId: null,
          jobId: null,
          duplicate: false,
          stage: 'rejected',
          progress: 0,
          chunkCount: 0,
          error: null,
        };
        try {
          const accepted = await documents.accept(
            tenant.id,
            collection.id,
            { kind: 'file', bytes: readFileSync(file.path), filename: file.name, mediaType: file.mediaType },
            requestId,
          );
          rows.push({
            ...fromDocument(row, accepted.document),
            documentId: accepted.document.id,
            jobId: accepted.job?.id ?? null,
            duplicate: accepted.duplicate,
          });
        } catch (error) {
          const failure = describeFailure(error);
          if (failure.code !== EXIT.user) throw error;
          rows.push({ ...row, error: failure.message }); // e.g. too large: the others still go in
        }
      }

      let timedOut = false;
      if (options.wait !== false) {
        const tracked = rows.filter((r) => r.documentId !== null) as (IngestRow & { documentId: string })[];
        const progress = new IngestProgress(tracked, out.json);
        const deadline = Date.now() + timeoutMs;
        try {
          for (;;) {
            const pending = rows.filter((r) => r.documentId && !TERMINAL_STAGES.includes(r.stage));
            if (pending.length === 0) break;
            if (Date.now() > deadline) {
              timedOut = true;
              break;
            }
            await sleep(POLL_MS);
            rows = await Promise.all(
              rows.map(async (r) => {
                if (!r.documentId || TERMINAL_STAGES.includes(r.stage)) return r;
                const next = fromDocument(r, await documents.get(tenant.id, r.documentId));
                progress.update(next as IngestRow & { documentId: string });
                return next;
              }),
            );
          }
        } finally {
          progress.stop();
        }
      }

      const result = {
        tenant: tenant.slug,
        collection: { id: collection.id, name: collection.name },
        documents: rows,
        skipped,
        waited: options.wait !== false,
        timedOut,
      };
      out.result(result, (r) =>
        table(r.documents, [
          ['FILE', (d) => d.file],
          ['STAGE', (d) => (d.duplicate ? `${d.stage} (already there)` : d.stage)],
          ['CHUNKS', (d) => d.chunkCount],
          ['DOCUMENT', (d) => d.documentId],
          ['ERROR', (d) => d.error],
        ]),
      );
      if (timedOut) {
        out.note(`still ingesting after ${timeoutMs / 1000} s: is a worker running? Follow with jobs:show <job id>.`);
        return EXIT.user;
      }
      return rows.some((r) => r.stage === 'failed' || r.stage === 'rejected') ? EXIT.user : EXIT.ok;
    },
  );
}
