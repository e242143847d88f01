import { decode, encode } from 'gpt-tokenizer';
import { type Span, tokensOf, wordSpans } from './segments';
import { SpanPacker, type Unit } from './span-packer';
import { countTokens, tokensWithin } from './token-count';

/**
 * Longest whitespace-free run placed in a chunk as it is. BPE encoding is quadratic
 * in the length of such a run (a 200 KB one takes minutes to count), so longer runs
 * (base64, minified code, a line of one character) are cut into pieces of this size
 * first; counting one then costs about a millisecond.
 */
export const MAX_RUN_CHARS = 1024;

/**
 * Units no larger than `maxTokens: the sentence itself when it fits, else its
 * words packed greedily, and a word longer than the budget or than MAX_RUN_CHARS
 * (a URL, a base64 blob) cut between code points.
 */
export function fitSentence(text: string, sentence: Span, maxTokens: number): Unit[] {
  const words = sentence.end - sentence.start > MAX_RUN_CHARS ? wordSpans(text, sentence) : null;
  if (!words?.some(isLongRun)) {
    // A token is at least one UTF-8 byte and a UTF-16 unit at most three: short sentences fit uncounted.
    if (3 * (sentence.end - sentence.start) <= maxTokens) return [sentence];
    const tokens = tokensWithin(text, sentence.start, sentence.end, maxTokens);
    if (tokens <= maxTokens) return [{ ...sentence, tokens }];
  }
  const packer = new SpanPacker(text, { maxTokens, overlapTokens: 0 });
  const pieces: Unit[] = [];
  for (const word of words ?? wordSpans(text, sentence)) {
    const fitsAlone =
      !isLongRun(word) && (3 * (word.end - word.start) <= maxTokens || tokensOf(text, word) <= maxTokens);
    for (const part of fitsAlone ? [word] : cutRun(text, word, maxTokens)) pieces.push(...packer.add([part]));
  }
  pieces.push(...packer.finish());
  return pieces;
}

function isLongRun(word: Span): boolean {
  return word.end - word.start > MAX_RUN_CHARS;
}

/** Pieces of at most MAX_RUN_CHARS and `maxTokens`, each the longest that fits, with their counts. */
function cutRun(text: string, run: Span, maxTokens: number): Unit[] {
  const pieces: Unit[] = [];
  // A window about the size of the last piece: encoding the whole MAX_RUN_CHARS each time wastes what the piece leaves.
  let window = MAX_RUN_CHARS;
  for (let start = run.start; start < run.end;) {
    const piece = fittingPiece(text, start, run.end, window, maxTokens);
    pieces.push(piece);
    window = Math.min(MAX_RUN_CHARS, Math.ceil((piece.end - start) * 1.1) + 16);
    start = piece.end;
  }
  return pieces;
}

/**
 * The longest prefix of [start, runEnd) within `maxTokens` and MAX_RUN_CHARS: where
 * the window's first `maxTokens` tokens end (one encoding instead of a search), moved
 * off a split character, then counted on its own, since a prefix can tokenize slightly
 * differently from the window it was cut from. A window that fits whole grows.
 */
function fittingPiece(text: string, start: number, runEnd: number, window: number, maxTokens: number): Unit {
  const cap = keepPairs(text, start, Math.min(runEnd, start + MAX_RUN_CHARS));
  for (;;) {
    const limit = keepPairs(text, start, Math.min(cap, start + window));
    const tokens = encode(text.slice(start, limit));
    if (tokens.length <= maxTokens) {
      if (limit === cap) return { start, end: limit, cut: true, tokens: tokens.length };
      window *= 2;
      continue;
    }
    const prefix = decode(tokens.slice(0, maxTokens));
    let length = 0;
    while (length < prefix.length && prefix.charCodeAt(length) === text.charCodeAt(start + length)) length++;
    let end = keepPairs(text, start, start + Math.max(length, 1));
    let count = countTokens(text.slice(start, end));
    if (count > maxTokens) {
      // Rare: search below it. One code point is at most 4 tokens, and maxTokens >= 4.
      let lo = start + 1;
      let hi = end - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (countTokens(text.slice(start, mid)) <= maxTokens) lo = mid;
        else hi = mid - 1;
      }
      end = keepPairs(text, start, lo);
      count = countTokens(text.slice(start, end));
    }
    return { start, end, cut: true, tokens: count };
  }
}

/** `end`, moved off the middle of a surrogate pair (back, unless that leaves nothing). */
function keepPairs(text: string, start: number, end: number): number {
  if (end >= text.length || !isLowSurrogate(text.charCodeAt(end))) return end;
  return end - 1 > start ? end - 1 : end + 1;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
