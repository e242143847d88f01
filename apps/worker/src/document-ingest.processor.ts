import { Injectable } from '@nestjs/common';
import type { JobContext, JobOf } from '@copilot/queues';
import { DocumentIngestService } from '@copilot/retrieval';

/** document.ingest: fetch, parse, chunk, embed and index one document. */
@Injectable()
export class DocumentIngestProcessor {
  constructor(private readonly ingest: DocumentIngestService) {}

  async handle(payload: JobOf<'document.ingest'>, { job, signal }: JobContext) {
    try {
      return await this.ingest.run(payload, signal);
    } catch (error) {
      // Platform errors are retried; after the last attempt the document says why it failed.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.ingest.fail(payload, 'internal_error', error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  }
}
