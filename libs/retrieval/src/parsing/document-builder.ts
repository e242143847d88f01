import { DocumentParseError, type ParsedDocument } from '../retrieval-types';

/**
 * Collects the blocks every format yields (headings, paragraphs) and lays them out
 * as one normalised text with sections. Each parser only has to walk its own
 * structure; offsets, whitespace rules and the section partition live here once.
 */
export class DocumentBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly stack: { level: number; text: string }[] = [];
  private readonly sections: ParsedDocument['sections'] = [];
  private firstHeading: string | null = null;

  /** Starts a new section; the heading text itself opens it so it is searchable. */
  heading(level: number, raw: string): void {
    const text = normaliseInline(raw);
    if (!text) return;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, text });
    this.firstHeading ??= text;
    this.append(text, true);
  }

  /**
   * Adds one paragraph. Line breaks inside it survive (list items, addresses,
   * PDF lines) but blank lines do not: a blank line is the paragraph separator.
   * `preformatted` keeps leading indentation, which matters in code.
   */
  paragraph(raw: string, preformatted = false): void {
    const lines = normaliseNewlines(raw)
      .split('\n')
      .map((line) => (preformatted ? line.replace(/\s+$/u, '') : normaliseInline(line)))
      .filter((line) => line.trim().length > 0);
    if (preformatted) dedent(lines);
    if (lines.length > 0) this.append(lines.join('\n'), false);
  }

  /** Splits a text on blank lines and adds each piece as a paragraph. */
  paragraphs(raw: string): void {
    for (const block of normaliseNewlines(raw).split(/\n[^\S\n]*\n/u)) this.paragraph(block);
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  build(title: string | null): ParsedDocument {
    if (this.isEmpty) throw new DocumentParseError('The document contains no readable text.');
    const sections = this.sections.map((section, i, all) => ({
      ...section,
      end: i + 1 < all.length ? all[i + 1]!.start : this.length,
    }));
    const cleanTitle = title ? normaliseInline(title) : '';
    return { title: cleanTitle || this.firstHeading, text: this.parts.join(''), sections };
  }

  private append(block: string, isHeading: boolean): void {
    const separator = this.length === 0 ? '' : '\n\n';
    const start = this.length + separator.length;
    // A heading always opens a section; text before any heading gets one with an empty path.
    if (isHeading || this.sections.length === 0) {
      const headingPath = this.stack.map((entry) => entry.text);
      this.sections.push({ headingPath, start, end: start });
    }
    this.parts.push(separator, block);
    this.length = start + block.length;
  }
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029\v\f]/gu, '\n');
}

/** One line of prose: canonical Unicode, no control characters, single spaces. */
export function normaliseInline(text: string): string {
  return (
    text
      .normalize('NFC')
      // Zero-width characters and soft hyphens are invisible and only break words apart.
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '')
      .replace(/[\p{Cc}\p{Zs}\u2028\u2029]+/gu, ' ')
      .trim()
  );
}

function dedent(lines: string[]): void {
  // A loop, not Math.min(...lines): spreading a 200,000-line code block overflows the stack.
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) indent = Math.min(indent, /^\s*/u.exec(line)![0].length);
  for (let i = 0; i < lines.length; i++) {
    lines[i] = lines[i]!.slice(indent)
      .normalize('NFC')
      .replace(/[\p{Cc}\u2028\u2029]/gu, (ch) => (ch === '\t' ? '  ' : ' '));
  }
}

/** Signatures of binary formats that are sometimes mislabelled as text. */
const MAGIC: [string, string][] = [
  ['%PDF-', 'a PDF'],
  ['PK\u0003\u0004', 'a ZIP/Office file'],
  ['\u0089PNG', 'a PNG image'],
  ['GIF8', 'a GIF image'],
  ['\u00ff\u00d8\u00ff', 'a JPEG image'],
];

/**
 * Bytes to a string for the text formats: BOMs honoured, UTF-8 when it is valid,
 * Windows-1252 otherwise (old exports), and binary data refused instead of being
 * indexed as garbage.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 8).toString('latin1');
  const magic = MAGIC.find(([signature]) => head.startsWith(signature));
  if (magic) throw new DocumentParseError(`The file is ${magic[1]}, not text.`);
  if (bytes.includes(0)) throw new DocumentParseError('The file looks binary, not text.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a legacy 8-bit text has almost no C0 control characters, binary data has many.
    const sample = bytes.subarray(0, 4096);
    const controls = sample.filter(
      (b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f,
    );
    if (controls.length > sample.length / 100) throw new DocumentParseError('The file looks binary, not text.');
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
