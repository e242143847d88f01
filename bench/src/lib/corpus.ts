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
