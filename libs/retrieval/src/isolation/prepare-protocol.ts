import type { PrepareInput, PreparedDocument } from '../ingest/prepare-document';
import { DocumentLimitError, type DocumentLimitReason, DocumentParseError } from '../retrieval-types';

/** Parent to thread: one document to prepare. */
export interface PrepareRequest extends PrepareInput {
  id: number;
}

export interface SerializedError {
  name: string;
  message: string;
  reason?: DocumentLimitReason;
  limit?: string;
}

/** Thread to parent: parsing finished (chunking starts), then the outcome. */
export type PrepareReply =
  | { id: number; stage: 'chunking' }
  | { id: number; stage: 'done'; document: PreparedDocument }
  | { id: number; stage: 'failed'; error: SerializedError };

/** What crosses the thread boundary of an error: structured clone keeps neither class nor fields. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof DocumentLimitError) {
    return { name: error.name, message: error.message, reason: error.reason, limit: error.limit };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.reason && error.limit) return new DocumentLimitError(error.reason, error.message, error.limit);
  if (error.name === 'DocumentParseError') return new DocumentParseError(error.message);
  return Object.assign(new Error(error.message), { name: error.name });
}
