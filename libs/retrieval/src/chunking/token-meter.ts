import { countTokens, tokensWithin } from './token-count';

/**
 * Below `budget - SLACK` an estimate is trusted; above it the span is counted exactly.
 * BPE counts are nearly additive at whitespace boundaries (off by a token where a
 * newline joins the punctuation before it), so the slack keeps exact counts to the
 * last few additions before a chunk is full.
 */
const SLACK = 8;

interface Measure {
  start: number;
  end: number;
  tokens: number;
  exact: boolean;
}

/**
 * The token count of a span that grows at either end, without encoding all of it
 * each time it grows: the added text is counted on its own and added to the count so
 * far, and the whole span is counted exactly only near the budget. BPE encoding is
 * quadratic in the length of one word and re-counting a chunk per added sentence is
 * quadratic in the chunk; together they made a 200 KB run without whitespace take
 * minutes. A "no" is always decided on an exact count; a "yes" on an estimate is
 * re-checked exactly when the chunk is emitted (`exactTokens`).
 */
export class TokenMeter {
  private measured: Measure = { start: 0, end: 0, tokens: 0, exact: true };
  private candidate?: Measure & { budget: number; fits: boolean };

  constructor(private readonly text: string) {}

  get tokens(): number {
    return this.measured.tokens;
  }

  /** Measures [start, end) from now on (counted exactly unless the caller knows the count). */
  set(start: number, end: number, knownTokens?: number): number {
    const tokens = knownTokens ?? countTokens(this.text.slice(start, end));
    this.measured = { start, end, tokens, exact: true };
    this.candidate = undefined;
    return tokens;
  }

  /** Whether [start, end), which contains the measured span, has at most `budget` tokens. */
  covers(start: number, end: number, budget: number): boolean {
    const c = this.candidate;
    if (c && c.start === start && c.end === end && c.budget === budget) return c.fits;
    const { measured } = this;
    const added =
      (start < measured.start ? countTokens(this.text.slice(start, measured.start)) : 0) +
      (end > measured.end ? countTokens(this.text.slice(measured.end, end)) : 0);
    const estimate = measured.tokens + added;
    const candidate =
      estimate + SLACK <= budget
        ? { start, end, tokens: estimate, exact: false }
        : { start, end, tokens: tokensWithin(this.text, start, end, budget), exact: true };
    this.candidate = { ...candidate, budget, fits: candidate.tokens <= budget };
    return this.candidate.fits;
  }

  /** Takes the span `covers` last answered yes for as the measured one. */
  accept(): void {
    if (!this.candidate?.fits) throw new Error('TokenMeter.accept without a span that fits');
    const { start, end, tokens, exact } = this.candidate;
    this.measured = { start, end, tokens, exact };
    this.candidate = undefined;
  }

  /** The measured span's exact count. */
  exactTokens(): number {
    if (!this.measured.exact) this.set(this.measured.start, this.measured.end);
    return this.measured.tokens;
  }
}
