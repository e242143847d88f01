import mammoth from 'mammoth';
import { DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { parseHtmlFragment } from './html';

/**
 * Word documents through mammoth, which maps Word's heading styles (Heading 1..6)
 * to h1..h6 and drops layout; the HTML then goes through the same walk as web
 * pages, so headings become sections the same way.
 */
export async function parseDocx(bytes: Buffer): Promise<ParsedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentParseError(`Cannot read the DOCX file: ${reason}`, { cause: error });
  }
  // mammoth does not expose docProps/core.xml; the first heading serves as the title.
  return parseHtmlFragment(html, null);
}
