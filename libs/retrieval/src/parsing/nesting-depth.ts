import { type ParseLimits, tooDeep } from './parse-limits';

/** Never have children. */
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen frame basefont bgsound'.split(' '),
);
/** Closed by the next of their kind or by their parent's end, so an unclosed run of them does not nest. */
const CLOSED_BY_SIBLING = new Set('p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp'.split(' '));
/** Their content is text, never tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);

/**
 * Refuses HTML nested deeper than DOCUMENT_MAX_NESTING before linkedom builds it:
 * building and walking the tree costs time quadratic in its depth (100,000 nested
 * elements took 50 s) and deep enough recursion overflows the stack. A linear tag
 * scan counting elements opened and not yet closed; elements a parser closes by
 * itself (p, li, td, ...) and void ones do not count, so sloppy real pages pass.
 */
export function checkHtmlNesting(html: string, limits: ParseLimits): void {
  const lower = html.toLowerCase();
  const head = /<(\/?)([a-z][\w:-]*)/y;
  const open: string[] = [];
  let tagEnd = -1;
  for (let at = lower.indexOf('<'); at >= 0; at = lower.indexOf('<', at + 1)) {
    if (lower.startsWith('<!--', at)) {
      const close = lower.indexOf('-->', at + 4);
      if (close < 0) return;
      at = close;
      continue;
    }
    head.lastIndex = at;
    const match = head.exec(lower);
    if (!match) continue;
    // The same '>' ends every '<' before it: look for it again only once past it (linear, not quadratic).
    if (tagEnd < at) tagEnd = lower.indexOf('>', at);
    if (tagEnd < 0) return;
    const name = match[2]!;
    if (VOID.has(name) || CLOSED_BY_SIBLING.has(name)) continue;
    if (match[1]) {
      const index = open.lastIndexOf(name);
      if (index >= 0) open.length = index;
    } else if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, tagEnd);
      if (close < 0) return;
      at = close;
    } else if (lower[tagEnd - 1] !== '/') {
      open.push(name);
      if (open.length > limits.maxNesting) throw tooDeep('HTML', limits);
    }
  }
}

const LIST_ITEM = /^([-*+]|\d{1,9}[.)])(\s|$)/;

/**
 * Refuses Markdown whose block quotes and lists nest deeper than DOCUMENT_MAX_NESTING
 * before marked reads it: marked re-reads a nested block once per level (1,000 levels
 * of lists in 40 KB took 15 s) and recurses per level. A line's depth: its `>`
 * markers, plus, for a list item, its indentation in steps of two; fenced code is skipped.
 */
export function checkMarkdownNesting(source: string, limits: ParseLimits): void {
  let fence: string | null = null;
  for (const line of source.split('\n')) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark?.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const prefix = /^[ \t>]*/.exec(line)![0];
    const quotes = prefix.split('>').length - 1;
    const list = LIST_ITEM.test(line.slice(prefix.length)) ? Math.floor(columns(prefix) / 2) + 1 : 0;
    if (quotes + list > limits.maxNesting) throw tooDeep('Markdown', limits);
  }
}

/** Columns of whitespace after the last `>` marker (a tab counts four). */
function columns(prefix: string): number {
  let count = 0;
  for (const ch of prefix.slice(prefix.lastIndexOf('>') + 1)) count += ch === '\t' ? 4 : 1;
  return count;
}
