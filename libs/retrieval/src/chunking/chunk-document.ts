import { DocumentLimitError, type DocumentChunk, type ParsedDocument } from '../retrieval-types';
import { fitSentence } from './fit-sentence';
import { paragraphSpans, type Span, sentenceSpans } from './segments';
import { SpanPacker, type Unit } from './span-packer';
import { tokensWithin } from './token-count';

export interface ChunkOptions {
  /** Upper bound of every chunk's tokenCount (o200k). At least 4: one code point can cost that many tokens. */
  maxTokens: number;
  /** Tokens repeated from the end of a chunk at the start of the next one in the same section. */
  overlapTokens: number;
  /** Most tokens the chunks of one document may hold together (DOCUMENT_MAX_TOKENS); chunking stops past it. */
  maxDocumentTokens?: number;
}

/**
 * Structure-aware chunking. Sections are never crossed (a chunk has one heading
 * path to cite); whole paragraphs are packed while they fit; a paragraph too long
 * for one chunk is cut between sentences, a sentence too long between words.
 * Consecutive chunks of a section share about `overlapTokens` of whole sentences
 * (trailing words when no whole sentence is small enough), so a fact cut at a
 * boundary is still retrievable with its context. Chunk text is always a slice of
 * `doc.text`, so offsets can highlight the source. Deterministic: no randomness,
 * no clock, only the text decides. Linear in the text: every span is counted about
 * once (see TokenMeter), and no word longer than MAX_RUN_CHARS is ever encoded whole.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions): DocumentChunk[] {
  validate(options);
  const chunks: DocumentChunk[] = [];
  let total = 0;
  for (const section of doc.sections) {
    for (const span of chunkSection(doc.text, section, options)) {
      total += span.tokens!;
      if (options.maxDocumentTokens !== undefined && total > options.maxDocumentTokens) {
        throw new DocumentLimitError(
          'too_large',
          `The document has more than ${options.maxDocumentTokens} tokens, the most one document may have.`,
          'DOCUMENT_MAX_TOKENS',
        );
      }
      chunks.push({
        index: chunks.length,
        text: doc.text.slice(span.start, span.end),
        start: span.start,
        end: span.end,
        headingPath: [...section.headingPath],
        tokenCount: span.tokens!,
      });
    }
  }
  return chunks;
}

function validate({ maxTokens, overlapTokens }: ChunkOptions): void {
  if (!Number.isInteger(maxTokens) || maxTokens < 4) {
    throw new RangeError(`maxTokens must be an integer >= 4, got ${maxTokens}`);
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError(`overlapTokens must be an integer in [0, maxTokens), got ${overlapTokens}`);
  }
}

/** The chunks of one section, in order, as they are completed (so a document limit stops the work early). */
function* chunkSection(text: string, section: Span, options: ChunkOptions): Generator<Unit> {
  const packer = new SpanPacker(text, options);
  for (const paragraph of paragraphSpans(text, section)) {
    const units = sentenceSpans(text, paragraph).flatMap((s) => fitSentence(text, s, options.maxTokens));
    if (units.length === 0) continue;
    if (units.length === 1 || fitsWhole(text, units, options.maxTokens)) {
      // The paragraph fits a chunk: keep it whole, starting a new chunk if this one is full.
      yield* packer.add(units);
    } else {
      for (const unit of units) yield* packer.add([unit]);
    }
  }
  yield* packer.finish();
}

/** Cut pieces of a run are never rejoined, so a paragraph holding them is never kept whole. */
function fitsWhole(text: string, units: Unit[], maxTokens: number): boolean {
  if (units.some((unit) => unit.cut)) return false;
  return tokensWithin(text, units[0]!.start, units.at(-1)!.end, maxTokens) <= maxTokens;
}
