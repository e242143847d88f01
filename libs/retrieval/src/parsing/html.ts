import { parseHTML } from 'linkedom';
import { type ParsedDocument } from '../retrieval-types';
import { DocumentBuilder } from './document-builder';
import { checkHtmlNesting } from './nesting-depth';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';

/** Never content, wherever they appear. */
const ALWAYS_DROPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'button',
  'select',
  'textarea',
  'input',
  'dialog',
  'nav',
  'aside',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="search"]',
  '[role="dialog"]',
].join(',');

/** Page chrome. Inside the article an element of this kind is kept when it holds its heading. */
const CHROME = ['header', 'footer', '[role="banner"]', '[role="contentinfo"]'].join(',');

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'HEADER',
  'FOOTER',
  'HR',
  'MAIN',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'CAPTION',
]);
/** Each becomes its own line of the surrounding paragraph (lists as lines, table rows as lines). */
const LINES = new Set(['LI', 'TR', 'OL', 'UL']);

/** The subset of DOM nodes the walk touches; linkedom's own typings are loose. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

/**
 * Web pages: only the main content. The root is <main> (or role=main, or a lone
 * <article>), falling back to <body>; navigation, sidebars, page header/footer,
 * forms and scripts are removed before the walk. A DOM walk rather than a
 * readability heuristic keeps the result predictable on short pages, which
 * readability scores as "not an article".
 */
export function parseHtml(html: string, limits: ParseLimits = NO_PARSE_LIMITS): ParsedDocument {
  checkHtmlNesting(html, limits);
  const { document } = parseHTML(html);
  const title = (document.querySelector('title')?.textContent as string | undefined) ?? null;
  const body = (document.body ?? document.documentElement) as unknown as DomElement;
  return walkToDocument(pickRoot(body), title, true);
}

/** HTML produced by a converter (mammoth's DOCX output): all of it is content. */
export function parseHtmlFragment(
  html: string,
  title: string | null,
  limits: ParseLimits = NO_PARSE_LIMITS,
): ParsedDocument {
  checkHtmlNesting(html, limits);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return walkToDocument(document.body as unknown as DomElement, title, false);
}

function pickRoot(body: DomElement): DomElement {
  const main = body.querySelector('main, [role="main"]');
  if (main) return main;
  const articles = body.querySelectorAll('article');
  return articles.length === 1 ? articles[0]! : body;
}

function walkToDocument(root: DomElement, title: string | null, stripChrome: boolean): ParsedDocument {
  if (stripChrome) {
    for (const el of Array.from(root.querySelectorAll(ALWAYS_DROPPED))) el.remove();
    for (const el of Array.from(root.querySelectorAll(CHROME))) {
      if (!el.querySelector('h1, h2, h3, h4, h5, h6')) el.remove();
    }
  }
  const builder = new DocumentBuilder();
  const walker = new BlockWalker(builder);
  walker.walk(root);
  walker.flushParagraph();
  return builder.build(title);
}

/** Turns the DOM into paragraphs: inline text accumulates until a block boundary. */
class BlockWalker {
  private lines: string[] = [];
  private line = '';

  constructor(private readonly builder: DocumentBuilder) {}

  walk(node: DomNode): void {
    for (const child of Array.from(node.childNodes)) this.visit(child);
  }

  flushParagraph(): void {
    this.endLine();
    if (this.lines.length > 0) this.builder.paragraph(this.lines.join('\n'));
    this.lines = [];
  }

  private visit(node: DomNode): void {
    if (node.nodeType === 3) {
      this.line += (node.textContent ?? '').replace(/\s+/gu, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    const heading = /^H([1-6])$/u.exec(name);
    if (heading) {
      this.flushParagraph();
      this.builder.heading(Number(heading[1]), node.textContent ?? '');
    } else if (name === 'PRE') {
      this.flushParagraph();
      this.builder.paragraph(node.textContent ?? '', true);
    } else if (name === 'BR') {
      this.endLine();
    } else if (name === 'TD' || name === 'TH') {
      this.line += ' ';
      this.walk(node);
      this.line += ' ';
    } else if (name === 'IMG') {
      // Alt text is the author's description of the image; nothing else of it is text.
      const alt = (node as unknown as { getAttribute(n: string): string | null }).getAttribute('alt');
      if (alt) this.line += ` ${alt} `;
    } else if (LINES.has(name)) {
      this.endLine();
      this.walk(node);
      this.endLine();
    } else if (BLOCKS.has(name)) {
      this.flushParagraph();
      this.walk(node);
      this.flushParagraph();
    } else {
      this.walk(node);
    }
  }

  private endLine(): void {
    if (this.line.trim()) this.lines.push(this.line);
    this.line = '';
  }
}
