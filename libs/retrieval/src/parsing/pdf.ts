import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { DocumentLimitError, DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { DocumentBuilder } from './document-builder';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';
import { checkPdfStreams } from './pdf-streams-check';

/**
 * PDF text per page through pdf-parse (PDF.js bundled for Node, no native code
 * needed for text). PDFs carry no reliable heading structure, so each page is a
 * section (`Page N`): chunks then never straddle pages and can cite one.
 */
export async function parsePdf(bytes: Buffer, limits: ParseLimits = NO_PARSE_LIMITS): Promise<ParsedDocument> {
  checkPdfStreams(bytes, limits);
  loadPdfWorker();
  // PDF.js may transfer (detach) the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false });
  try {
    // The page count first: extracting text walks every page. (The metadata may be unreadable.)
    const info = await parser.getInfo().catch(() => null);
    checkPages(info?.total ?? 0, limits);
    const result = await parser.getText();
    checkPages(result.total, limits);
    const builder = new DocumentBuilder();
    for (const page of [...result.pages].sort((a, b) => a.num - b.num)) {
      // Pages without text (scans, blank pages) would only be empty sections.
      if (!page.text.trim()) continue;
      builder.heading(1, `Page ${page.num}`);
      builder.paragraphs(page.text);
    }
    if (builder.isEmpty) {
      throw new DocumentParseError(
        'The PDF has no extractable text (scanned images need OCR, which is not supported).',
      );
    }
    return builder.build(metadataTitle(info?.info));
  } catch (error) {
    if (error instanceof DocumentParseError) throw error;
    throw new DocumentParseError(`Cannot read the PDF: ${describe(error)}`, { cause: error });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function checkPages(total: number, limits: ParseLimits): void {
  if (total > limits.maxPages) {
    throw new DocumentLimitError(
      'too_large',
      `The PDF has ${total} pages; at most ${limits.maxPages} are accepted.`,
      'DOCUMENT_MAX_PAGES',
    );
  }
}

function metadataTitle(info: unknown): string | null {
  if (typeof info !== 'object' || info === null || !('Title' in info)) return null;
  const title = (info as { Title: unknown }).Title;
  return typeof title === 'string' && title.trim() ? title : null;
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'PasswordException') return 'it is password-protected';
  return error instanceof Error ? error.message : String(error);
}

/**
 * In Node, PDF.js runs its worker in-process and finds it on `globalThis.pdfjsWorker`,
 * which the worker module sets when loaded. Left to itself PDF.js loads it with a
 * dynamic import(), which Jest (and other CommonJS sandboxes) cannot run; a plain
 * require of the same file works everywhere (Node >= 20.19 loads ESM through require).
 */
function loadPdfWorker(): void {
  if ((globalThis as { pdfjsWorker?: unknown }).pdfjsWorker) return;
  require(join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs'));
}
