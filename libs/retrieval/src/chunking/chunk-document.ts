import { countTokens } from '@copilot/llm';
import type { DocumentChunk, ParsedDocument } from '../retrieval-types';
import { fitSentence, paragraphSpans, sentenceSpans, tokensOf, wordSpans, type Span } from './segments';

export interface ChunkOptions {
  /** Upper bound of every chunk's tokenCount (o200k). At least 4: one code point can cost that many tokens. */
  maxTokens: number;
  /** Tokens repeated from the end of a chunk at the start of the next one in the same section. */
  overlapTokens: number;
}

/**
 * Structure-aware chunking. Sections are never crossed (a chunk has one heading
 * path to cite); whole paragraphs are packed while they fit; a paragraph too long
 * for one chunk is cut between sentences, a sentence too long between words.
 * Consecutive chunks of a section share about `overlapTokens` of whole sentences
 * (trailing words when no whole sentence is small enough), so a fact cut at a
 * boundary is still retrievable with its context. Chunk text is always a slice of
 * `doc.text`, so offsets can highlight the source. Deterministic: no randomness,
 * no clock, only the text decides.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions): DocumentChunk[] {
  validate(options);
  const chunks: DocumentChunk[] = [];
  for (const section of doc.sections) {
    for (const span of chunkSection(doc.text, section, options)) {
      const text = doc.text.slice(span.start, span.end);
      chunks.push({
        index: chunks.length,
        text,
        start: span.start,
        end: span.end,
        headingPath: [...section.headingPath],
        tokenCount: countTokens(text),
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

/** Greedy packing of one section; returns the chunks' ranges in order. */
function chunkSection(text: string, section: Span, { maxTokens, overlapTokens }: ChunkOptions): Span[] {
  const out: Span[] = [];
  // Units of the chunk being built; the first ones may be overlap carried from the previous chunk.
  let units: Span[] = [];
  // Whether `units` holds anything beyond that overlap (an overlap-only chunk would be a duplicate).
  let fresh = false;

  const fits = (extra: Span[]): boolean => {
    const all = [...units, ...extra];
    return all.length === 0 || tokensOf(text, { start: all[0]!.start, end: all[all.length - 1]!.end }) <= maxTokens;
  };
  const emit = (): void => {
    out.push({ start: units[0]!.start, end: units[units.length - 1]!.end });
    units = overlapTail(text, units, overlapTokens);
    fresh = false;
  };
  const add = (extra: Span[]): void => {
    // Carried overlap gives way first when the new material needs the room.
    while (units.length > 0 && !fresh && !fits(extra)) units.shift();
    if (!fits(extra)) {
      emit();
      while (units.length > 0 && !fits(extra)) units.shift();
    }
    units.push(...extra);
    fresh = true;
  };

  for (const paragraph of paragraphSpans(text, section)) {
    const sentences = sentenceSpans(text, paragraph).flatMap((s) => fitSentence(text, s, maxTokens));
    const whole = { start: sentences[0]!.start, end: sentences[sentences.length - 1]!.end };
    if (tokensOf(text, whole) <= maxTokens) {
      // The paragraph fits a chunk: keep it whole, starting a new chunk if this one is full.
      add(sentences);
    } else {
      for (const sentence of sentences) add([sentence]);
    }
  }
  if (fresh) out.push({ start: units[0]!.start, end: units[units.length - 1]!.end });
  return out;
}

/**
 * The end of a chunk to repeat in the next one: as many trailing whole units as
 * fit in `overlapTokens`, never the whole chunk (the next one must move on);
 * failing that, the last unit's trailing words.
 */
function overlapTail(text: string, units: Span[], overlapTokens: number): Span[] {
  if (overlapTokens === 0 || units.length === 0) return [];
  const last = units[units.length - 1]!;
  let from = units.length;
  while (from > 1 && tokensOf(text, { start: units[from - 1]!.start, end: last.end }) <= overlapTokens) from--;
  if (from < units.length) return units.slice(from).map((unit) => ({ ...unit }));
  const words = wordSpans(text, last);
  let first = words.length;
  while (first > 1 && tokensOf(text, { start: words[first - 1]!.start, end: last.end }) <= overlapTokens) first--;
  return first < words.length ? [{ start: words[first]!.start, end: last.end }] : [];
}
