import { Injectable } from '@nestjs/common';
import { INTERNAL_ERROR_REASON, internalJobErrorMessage, type JobContext, type JobOf } from '@copilot/queues';
import { DocumentIngestService } from '@copilot/retrieval';

/** document.ingest: fetch, parse, chunk, embed and index one document. */
@Injectable()
export class DocumentIngestProcessor {
  constructor(private readonly ingest: DocumentIngestService) {}

  async handle(payload: JobOf<'document.ingest'>, { job, signal }: JobContext) {
    try {
      return await this.ingest.run(payload, signal);
    } catch (error) {
      // Platform errors are retried; after the last attempt the document and job say it failed
      // (not the error's message: see internalJobErrorMessage; the worker logs the error).
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.ingest.fail(payload, INTERNAL_ERROR_REASON, internalJobErrorMessage(payload));
      }
      throw error;
    }
  }
}
