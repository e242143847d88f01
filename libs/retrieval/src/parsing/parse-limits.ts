import { DocumentLimitError } from '../retrieval-types';

/** What one document may expand to while it is parsed (knowledge settings; see docs/configuration.md). */
export interface ParseLimits {
  /** Bytes a DOCX (zip) or a PDF's compressed streams may expand to, all together (DOCUMENT_MAX_EXPANDED_BYTES). */
  maxExpandedBytes: number;
  /** Expanded to compressed size of one zip entry or PDF stream past 1 MiB (DOCUMENT_MAX_COMPRESSION_RATIO). */
  maxCompressionRatio: number;
  /** Pages of a PDF (DOCUMENT_MAX_PAGES). */
  maxPages: number;
  /** Depth of nested HTML elements or Markdown blocks (quotes, lists) (DOCUMENT_MAX_NESTING). */
  maxNesting: number;
}

/** No limits: for callers (tests, tools) that parse trusted files. */
export const NO_PARSE_LIMITS: ParseLimits = {
  maxExpandedBytes: Number.POSITIVE_INFINITY,
  maxCompressionRatio: Number.POSITIVE_INFINITY,
  maxPages: Number.POSITIVE_INFINITY,
  maxNesting: Number.POSITIVE_INFINITY,
};

/** Below this, a high ratio is harmless (a blank page's XML compresses a hundredfold). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Refuses the growth of compressed data past the ratio limit; `what` names it for the message. */
export function checkRatio(what: string, compressed: number, expanded: number, limits: ParseLimits): void {
  if (expanded < RATIO_FLOOR_BYTES) return;
  const ratio = expanded / Math.max(compressed, 1);
  if (ratio > limits.maxCompressionRatio) {
    throw new DocumentLimitError(
      'too_large',
      `${what} expands ${Math.round(ratio)} times (${expanded} bytes from ${compressed}); at most ${limits.maxCompressionRatio} times is accepted.`,
      'DOCUMENT_MAX_COMPRESSION_RATIO',
    );
  }
}

export function expandedTooLarge(what: string, expanded: number, limits: ParseLimits): DocumentLimitError {
  return new DocumentLimitError(
    'too_large',
    `${what} expands to ${expanded} bytes or more; at most ${limits.maxExpandedBytes} are accepted.`,
    'DOCUMENT_MAX_EXPANDED_BYTES',
  );
}

export function tooDeep(what: string, limits: ParseLimits): DocumentLimitError {
  return new DocumentLimitError(
    'too_complex',
    `The ${what} nests more than ${limits.maxNesting} levels deep; at most ${limits.maxNesting} are accepted.`,
    'DOCUMENT_MAX_NESTING',
  );
}
