/** A document turned into plain text, with the sections its headings make. */
export interface ParsedDocument {
  /** From the document itself (HTML <title>, first heading, DOCX/PDF metadata), if any. */
  title: string | null;
  /** Normalised plain text: paragraphs separated by a blank line. Offsets refer to it. */
  text: string;
  /** Consecutive, non-overlapping ranges of `text`, each under its heading path (outermost first). */
  sections: { headingPath: string[]; start: number; end: number }[];
}

/** One piece of a document as it is embedded, indexed and cited. */
export interface DocumentChunk {
  /** 0-based position in the document. */
  index: number;
  text: string;
  /** Character offsets of `text` in ParsedDocument.text ([start, end)). */
  start: number;
  end: number;
  headingPath: string[];
  tokenCount: number;
}

/** Turns texts into vectors. Vectors are L2-normalised, so cosine distance is 1 - dot product. */
export interface Embedder {
  /** Recorded per collection: `local-hash-384`, `text-embedding-3-small`, ... */
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

export class DocumentParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentParseError';
  }
}

/** Why a document over a limit is refused: its size (or what it expands to), or its structure. */
export type DocumentLimitReason = 'too_large' | 'too_complex';

/** The document is over one of the platform's parsing limits; `limit` names the setting. */
export class DocumentLimitError extends DocumentParseError {
  constructor(
    readonly reason: DocumentLimitReason,
    message: string,
    readonly limit: string,
  ) {
    super(message);
    this.name = 'DocumentLimitError';
  }
}
