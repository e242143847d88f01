import { Lexer, type Token, type Tokens } from 'marked';
import { type ParsedDocument } from '../retrieval-types';
import { DocumentBuilder } from './document-builder';
import { checkMarkdownNesting } from './nesting-depth';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';

/**
 * marked's inline pass is quadratic in a run's unmatched delimiters (200 KB of `*a`
 * took 25 s), so longer runs are read in pieces of about this size, cut at
 * whitespace. Emphasis or a link spanning a cut then reads as plain text, which
 * loses nothing here: only the text is kept.
 */
const INLINE_WINDOW = 4096;

class BoundedLexer extends Lexer {
  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (src.length <= INLINE_WINDOW) return super.inlineTokens(src, tokens);
    for (let start = 0; start < src.length;) {
      let end = Math.min(src.length, start + INLINE_WINDOW);
      const space = end < src.length ? src.lastIndexOf(' ', end) : -1;
      if (space > start + INLINE_WINDOW / 2) end = space + 1;
      super.inlineTokens(src.slice(start, end), tokens);
      start = end;
    }
    return tokens;
  }
}

/**
 * Markdown through marked's lexer (a real CommonMark/GFM tokenizer, so nested
 * emphasis, reference links and fences behave as readers expect), then plain
 * text: headings open sections, links keep their text, code stays verbatim,
 * every list item and table row is a line.
 */
export function parseMarkdown(source: string, limits: ParseLimits = NO_PARSE_LIMITS): ParsedDocument {
  checkMarkdownNesting(source, limits);
  // Front matter is metadata, not prose; its `title:` is the document's title when present.
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/u.exec(source);
  const title = front ? (/^title:\s*["']?(.+?)["']?\s*$/mu.exec(front[1]!)?.[1] ?? null) : null;
  const tokens = new BoundedLexer({ gfm: true }).lex(front ? source.slice(front[0].length) : source);
  const builder = new DocumentBuilder();
  blocks(tokens, builder);
  return builder.build(title);
}

function blocks(tokens: Token[], builder: DocumentBuilder): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        builder.heading(heading.depth, inline(heading.tokens));
        break;
      }
      case 'paragraph':
        builder.paragraph(inline((token as Tokens.Paragraph).tokens));
        break;
      case 'text': {
        const text = token as Tokens.Text;
        builder.paragraph(text.tokens ? inline(text.tokens) : decodeEntities(text.text));
        break;
      }
      case 'code':
        builder.paragraph((token as Tokens.Code).text, true);
        break;
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, builder);
        break;
      case 'list':
        builder.paragraph(listLines(token as Tokens.List).join('\n'));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const rows = [table.header, ...table.rows].map((row) => row.map((cell) => inline(cell.tokens)).join(' | '));
        builder.paragraph(rows.join('\n'));
        break;
      }
      case 'html':
        builder.paragraphs(stripTags((token as Tokens.HTML).text));
        break;
      default:
        // space, hr, def (link reference definitions): layout or metadata, no text.
        break;
    }
  }
}

/** A list as lines: one per item, nested lists following their parent item. */
function listLines(list: Tokens.List): string[] {
  const lines: string[] = [];
  for (const item of list.items) {
    const own: string[] = [];
    for (const token of item.tokens) {
      if (token.type === 'list') lines.push(...flushOwn(own), ...listLines(token as Tokens.List));
      else if (token.type === 'code') own.push((token as Tokens.Code).text);
      else if ('tokens' in token && token.tokens) own.push(inline(token.tokens));
      else if ('text' in token && typeof token.text === 'string') own.push(decodeEntities(token.text));
    }
    lines.push(...flushOwn(own));
  }
  return lines;
}

function flushOwn(own: string[]): string[] {
  const joined = own.join(' ').trim();
  own.length = 0;
  return joined ? [joined] : [];
}

function inline(tokens: Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'br':
        out += '\n';
        break;
      case 'codespan':
      case 'escape':
        out += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'image':
        out += (token as Tokens.Image).text;
        break;
      case 'html':
        out += stripTags((token as Tokens.Tag).text);
        break;
      case 'checkbox':
        break;
      default:
        // text, strong, em, del, link: their children carry the visible text.
        if ('tokens' in token && token.tokens && token.tokens.length > 0) out += inline(token.tokens);
        else if ('text' in token && typeof token.text === 'string') out += decodeEntities(token.text);
    }
  }
  return out;
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/gu, '').replace(/<[^>]*>/gu, ' '));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}
