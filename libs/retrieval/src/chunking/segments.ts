import { countTokens } from './token-count';

/** A range of the document text, [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Intl.Segmenter's iteration costs grow with the length of the string it walks
 * (200 KB of one-word sentences took 24 s), so long paragraphs are segmented in
 * windows of about this size.
 */
const SEGMENT_WINDOW = 1024;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The range without leading and trailing whitespace; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

/** `\s`, with the common ASCII cases decided without a regular expression (this runs per sentence). */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/u.test(String.fromCharCode(code));
}

/** Paragraphs of a range: the text separates them with a blank line. */
export function paragraphSpans(text: string, range: Span): Span[] {
  const spans: Span[] = [];
  const separator = /\n[^\S\n]*\n\s*/gu;
  separator.lastIndex = range.start;
  let from = range.start;
  for (let match = separator.exec(text); match && match.index < range.end; match = separator.exec(text)) {
    const span = trimSpan(text, from, Math.min(match.index, range.end));
    if (span) spans.push(span);
    from = match.index + match[0].length;
  }
  const last = trimSpan(text, from, range.end);
  if (last) spans.push(last);
  return spans;
}

/**
 * Sentences of a paragraph by Unicode's rules (Intl.Segmenter: handles "e.g.",
 * quotes, non-Latin scripts); a line break also ends one, so list items are
 * their own units. A window's last sentence may run on past it, so the next window
 * starts there; a window holding a single sentence grows until it ends.
 */
export function sentenceSpans(text: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  let from = paragraph.start;
  while (from < paragraph.end) {
    let to = Math.min(paragraph.end, from + SEGMENT_WINDOW);
    let starts = segmentStarts(text, from, to);
    while (starts.length === 1 && to < paragraph.end) {
      to = Math.min(paragraph.end, from + 2 * (to - from));
      starts = segmentStarts(text, from, to);
    }
    const complete = to === paragraph.end ? starts.length : starts.length - 1;
    for (let i = 0; i < complete; i++) {
      const span = trimSpan(text, starts[i]!, i + 1 < starts.length ? starts[i + 1]! : to);
      if (span) spans.push(span);
    }
    from = to === paragraph.end ? to : starts[complete]!;
  }
  return spans;
}

/**
 * Unicode ends a sentence only after a terminator or a paragraph separator; text with
 * neither is one sentence, and skips the segmenter (whose every call costs microseconds).
 */
const SENTENCE_END = /[\p{Sentence_Terminal}\u2024\ufe52\uff0e\n\r\u0085\u2028\u2029]/u;

function segmentStarts(text: string, from: number, to: number): number[] {
  const slice = text.slice(from, to);
  if (!SENTENCE_END.test(slice)) return [from];
  return Array.from(sentenceSegmenter.segment(slice), ({ index }) => from + index);
}

/** Whitespace-separated words of a range. */
export function wordSpans(text: string, range: Span): Span[] {
  const spans: Span[] = [];
  // On a slice: on the whole text, the last match would run on to the end of a run that goes past the range.
  const word = /\S+/gu;
  const slice = text.slice(range.start, range.end);
  for (let match = word.exec(slice); match; match = word.exec(slice)) {
    spans.push({ start: range.start + match.index, end: range.start + match.index + match[0].length });
  }
  return spans;
}

export function tokensOf(text: string, span: Span): number {
  return countTokens(text.slice(span.start, span.end));
}
