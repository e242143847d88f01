/**
 * Deterministic synthetic text for ingest and search benchmarks: Markdown documents
 * with headings and paragraphs drawn from a fixed vocabulary, so runs are comparable
 * and a keyword query has realistic selectivity.
 */
const VOCABULARY = (
  'account access agent alert api archive audit backup balance batch billing budget cache capacity certificate ' +
  'channel cluster config connection contract copilot cost credential customer dashboard database deadline deploy ' +
  'device document domain embedding endpoint error event export failover feature firewall gateway guide incident ' +
  'index invoice job key latency ledger license limit log metric migration model monitor network node onboarding ' +
  'order outage partition password payment permission pipeline policy portal priority privacy provider quota queue ' +
  'ranking recovery refund region release replica report request retention review role rollback router runbook ' +
  'schedule schema search secret server service session shard snapshot storage subscription support tenant ticket ' +
  'token topic trace traffic upgrade usage user vector vendor version volume warehouse webhook worker workflow zone'
).split(' ');

/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(next: () => number, words = 8 + Math.floor(next() * 12)): string {
  const picked = Array.from({ length: words }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
  return `${picked.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

/** A Markdown document of `sections` sections, each a heading and a few paragraphs. */
export function markdownDocument(seed: number, sections: number): string {
  const next = random(seed);
  const parts: string[] = [`# Handbook ${seed}`];
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${sentence(next, 3).slice(0, -1)}`);
    for (let p = 0; p < 3; p++) parts.push(Array.from({ length: 4 }, () => sentence(next)).join(' '));
  }
  return parts.join('\n\n');
}

/**
 * Text shaped like a real knowledge base for the search benchmark: a 5,000-word
 * lexicon (the domain words above plus seeded pseudo-words) whose frequencies follow
 * Zipf's law, and topics, each with words of its own that its chunks use often. A
 * uniform draw from a small vocabulary (what `sentence` does) makes every chunk's
 * embedding nearly the same: the nearest neighbours are near-ties that no index, and
 * no reader, could tell apart.
 */
export class TopicalCorpus {
  private readonly lexicon: string[];
  private readonly cumulative: number[];
  private readonly topics: string[][];

  constructor(
    seed: number,
    readonly topicCount = 200,
    lexiconSize = 5_000,
    wordsPerTopic = 40,
  ) {
    const next = random(seed);
    this.lexicon = [...VOCABULARY, ...pseudoWords(next, lexiconSize - VOCABULARY.length)];
    let total = 0;
    this.cumulative = this.lexicon.map((_, rank) => (total += 1 / (rank + 1)));
    this.topics = Array.from({ length: topicCount }, () =>
      Array.from({ length: wordsPerTopic }, () => this.lexicon[Math.floor(next() * this.lexicon.length)]!),
    );
  }

  /** `words` words on `topic`: most from its own words, the rest common language (Zipf). */
  sentence(next: () => number, topic: number, words = 8 + Math.floor(next() * 12), onTopic = 0.5): string {
    const own = this.topics[topic % this.topicCount]!;
    const picked = Array.from({ length: words }, () =>
      next() < onTopic ? own[Math.floor(next() * next() * own.length)]! : this.common(next),
    );
    return `${picked.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  }

  private common(next: () => number): string {
    const target = next() * this.cumulative.at(-1)!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return this.lexicon[low]!;
  }
}

const SYLLABLES = 'ka lo mi ren tus ob ar ve sil dor pa ne qui zo ber lin fa gu hel mon si rak te vun ost el'.split(
  ' ',
);

function pseudoWords(next: () => number, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]!).join(''));
  }
  return [...words];
}
