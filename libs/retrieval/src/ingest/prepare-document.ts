import { chunkDocument, type ChunkOptions } from '../chunking';
import { parseDocument, type ParseDocumentInput } from '../parsing';
import type { ParseLimits } from '../parsing/parse-limits';
import type { DocumentChunk } from '../retrieval-types';

export interface PrepareInput extends ParseDocumentInput {
  limits: ParseLimits;
  chunking: ChunkOptions;
}

export interface PreparedDocument {
  title: string | null;
  chunks: DocumentChunk[];
}

/**
 * The CPU-heavy half of ingest, parse then chunk; what the ingest thread runs.
 * Imports nothing beyond parsing and chunking: the thread loads this file's graph.
 */
export async function prepareDocument(input: PrepareInput, onParsed?: () => void): Promise<PreparedDocument> {
  const parsed = await parseDocument(input, input.limits);
  onParsed?.();
  return { title: parsed.title, chunks: chunkDocument(parsed, input.chunking) };
}
