import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { DocumentBuilder } from './document-builder';

/**
 * PDF text per page through pdf-parse (PDF.js bundled for Node, no native code
 * needed for text). PDFs carry no reliable heading structure, so each page is a
 * section (`Page N`): chunks then never straddle pages and can cite one.
 */
export async function parsePdf(bytes: Buffer): Promise<ParsedDocument> {
  loadPdfWorker();
  // PDF.js may transfer (detach) the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false });
  try {
    const result = await parser.getText();
    const info = await parser.getInfo().catch(() => null);
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
