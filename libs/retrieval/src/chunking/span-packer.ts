import { TokenMeter } from './token-meter';
import { type Span, wordSpans } from './segments';

/** A span the packer places whole: a sentence, a group of words, or a piece of a cut word. */
export interface Unit extends Span {
  /** A piece of a whitespace-free run cut to size: never joined to a unit it touches. */
  cut?: boolean;
  /** Its token count, when already known. */
  tokens?: number;
}

export interface PackOptions {
  maxTokens: number;
  overlapTokens: number;
}

/**
 * Greedy packing of consecutive units into chunks of at most `maxTokens`: a group
 * (a paragraph's sentences) stays together when it fits, a chunk is emitted when the
 * next group does not fit, and the next chunk starts with about `overlapTokens` of
 * the previous one's trailing units (trailing words when no whole unit is small
 * enough). Each emitted chunk carries its exact token count.
 */
export class SpanPacker {
  private units: Unit[] = [];
  /** Leading units of `units` carried over from the previous chunk as its overlap. */
  private carried = 0;
  private readonly meter: TokenMeter;

  constructor(
    private readonly text: string,
    private readonly options: PackOptions,
  ) {
    this.meter = new TokenMeter(text);
  }

  /** Adds a group (its units must each fit `maxTokens`, and the group too); returns the chunks it completed. */
  add(group: Unit[]): Unit[] {
    const out: Unit[] = [];
    for (;;) {
      // Carried overlap gives way first when the new material needs the room.
      while (this.units.length > 0 && !this.fresh && !this.fits(group)) this.dropFirst();
      if (this.fits(group)) break;
      out.push(...this.emit(true));
    }
    if (this.units.length === 0) {
      this.units = [...group];
      this.meter.set(group[0]!.start, group.at(-1)!.end, group.length === 1 ? group[0]!.tokens : undefined);
    } else {
      this.units.push(...group);
      this.meter.accept();
    }
    return out;
  }

  /** The last chunk, if anything beyond carried overlap is left (an overlap-only chunk would be a duplicate). */
  finish(): Unit[] {
    return this.fresh ? this.emit(false) : [];
  }

  private get fresh(): boolean {
    return this.units.length > this.carried;
  }

  private fits(group: Unit[]): boolean {
    if (this.units.length === 0) return true;
    if (!joinable(this.units.at(-1)!, group[0]!)) return false;
    return this.meter.covers(this.units[0]!.start, group.at(-1)!.end, this.options.maxTokens);
  }

  private dropFirst(): void {
    this.units.shift();
    this.carried--;
    if (this.units.length > 0) this.meter.set(this.units[0]!.start, this.units.at(-1)!.end);
  }

  private emit(overlap: boolean): Unit[] {
    let tokens = this.meter.exactTokens();
    const pending: Unit[] = [];
    // Accepted on estimates, a chunk can (rarely) be over: its overlap goes first, then trailing units wait.
    while (tokens > this.options.maxTokens) {
      if (this.carried > 0) {
        this.units.shift();
        this.carried--;
      } else {
        pending.unshift(this.units.pop()!);
      }
      tokens = this.meter.set(this.units[0]!.start, this.units.at(-1)!.end);
    }
    const first = this.units[0]!;
    const last = this.units.at(-1)!;
    const chunk: Unit = { start: first.start, end: last.end, tokens, cut: first.cut || last.cut };
    this.units = overlap ? this.overlapTail() : [];
    this.carried = this.units.length;
    const out = [chunk];
    for (const unit of pending) out.push(...this.add([unit]));
    return out;
  }

  /**
   * The end of the chunk to repeat in the next one: as many trailing whole units as
   * fit in `overlapTokens`, never the whole chunk (the next one must move on);
   * failing that, the last unit's trailing words. Leaves the meter on what it returns.
   */
  private overlapTail(): Unit[] {
    const budget = this.options.overlapTokens;
    if (budget === 0) return [];
    const units = this.units;
    const last = units.at(-1)!;
    const from = this.trailingStart(units, budget);
    if (from < units.length) return units.slice(from).map((unit) => ({ ...unit }));
    const words = wordSpans(this.text, last);
    const first = this.trailingStart(words, budget);
    return first < words.length ? [{ start: words[first]!.start, end: last.end, cut: last.cut }] : [];
  }

  /**
   * The smallest index >= 1 from which `parts` (ending together) hold at most `budget`
   * tokens, or `parts.length` when not even the last one does. Grown on estimates,
   * then checked exactly, so the bound is exact and the counting cheap.
   */
  private trailingStart(parts: Span[], budget: number): number {
    if (parts.length < 2) return parts.length;
    const end = parts.at(-1)!.end;
    let from = parts.length - 1;
    if (this.meter.set(parts[from]!.start, end) > budget) return parts.length;
    while (from > 1 && this.meter.covers(parts[from - 1]!.start, end, budget)) {
      this.meter.accept();
      from--;
    }
    while (this.meter.exactTokens() > budget) this.meter.set(parts[++from]!.start, end);
    return from;
  }
}

/** Two pieces of one cut run must not meet again in a chunk: together they would be the run that was too long. */
function joinable(before: Unit, after: Unit): boolean {
  return before.end !== after.start || !(before.cut || after.cut);
}
