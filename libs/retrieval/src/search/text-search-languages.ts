/**
 * Collection languages: Postgres text search configurations that every supported
 * Postgres ships (Snowball stemmers with their stop lists), plus `simple`, which
 * keeps words as written (identifiers, codes, mixed languages). Stored per
 * collection and applied to its chunks' tsvectors and to queries against them.
 */
export const TEXT_SEARCH_LANGUAGES = [
  'simple',
  'danish',
  'dutch',
  'english',
  'finnish',
  'french',
  'german',
  'hungarian',
  'italian',
  'norwegian',
  'portuguese',
  'romanian',
  'russian',
  'spanish',
  'swedish',
  'turkish',
] as const;

export type TextSearchLanguage = (typeof TEXT_SEARCH_LANGUAGES)[number];

export const DEFAULT_TEXT_SEARCH_LANGUAGE: TextSearchLanguage = 'english';
