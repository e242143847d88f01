import { countTokens } from '@copilot/llm';

/** A range of the document text, [start, end). */
export interface Span {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The range without leading and trailing whitespace; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
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
 * their own units.
 */
export function sentenceSpans(text: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(paragraph.start, paragraph.end);
  for (const { index, segment } of sentenceSegmenter.segment(slice)) {
    const start = paragraph.start + index;
    const span = trimSpan(text, start, start + segment.length);
    if (span) spans.push(span);
  }
  return spans;
}

/** Whitespace-separated words of a range. */
export function wordSpans(text: string, range: Span): Span[] {
  const spans: Span[] = [];
  const word = /\S+/gu;
  word.lastIndex = range.start;
  for (let match = word.exec(text); match && match.index < range.end; match = word.exec(text)) {
    spans.push({ start: match.index, end: Math.min(match.index + match[0].length, range.end) });
  }
  return spans;
}

export function tokensOf(text: string, span: Span): number {
  return countTokens(text.slice(span.start, span.end));
}

/**
 * Units no larger than `maxTokens`: the sentence itself when it fits, else its
 * words packed greedily, and a single word longer than the budget (a URL, a
 * base64 blob) cut between code points.
 */
export function fitSentence(text: string, sentence: Span, maxTokens: number): Span[] {
  if (tokensOf(text, sentence) <= maxTokens) return [sentence];
  const pieces: Span[] = [];
  let current: Span | null = null;
  for (const word of wordSpans(text, sentence)) {
    if (current && tokensOf(text, { start: current.start, end: word.end }) <= maxTokens) {
      current.end = word.end;
      continue;
    }
    if (current) pieces.push(current);
    if (tokensOf(text, word) <= maxTokens) {
      current = { ...word };
    } else {
      const cuts = cutWord(text, word, maxTokens);
      current = cuts.pop()!;
      pieces.push(...cuts);
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function cutWord(text: string, word: Span, maxTokens: number): Span[] {
  const pieces: Span[] = [];
  let start = word.start;
  while (start < word.end) {
    // Longest prefix that fits, by binary search over UTF-16 offsets, then kept off a surrogate pair's middle.
    let lo = start + 1;
    let hi = word.end;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(start, mid)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    let end = lo;
    if (end < word.end && isLowSurrogate(text.charCodeAt(end))) end = end - 1 > start ? end - 1 : end + 1;
    pieces.push({ start, end });
    start = end;
  }
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
