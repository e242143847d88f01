import mammoth from 'mammoth';
import { DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { parseHtmlFragment } from './html';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';
import { checkZipArchive } from './zip-archive-check';

/** Images are never text: not reading them keeps mammoth from inflating and base64-encoding every one. */
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

/**
 * Word documents through mammoth, which maps Word's heading styles (Heading 1..6)
 * to h1..h6 and drops layout; the HTML then goes through the same walk as web
 * pages, so headings become sections the same way.
 */
export async function parseDocx(bytes: Buffer, limits: ParseLimits = NO_PARSE_LIMITS): Promise<ParsedDocument> {
  checkZipArchive(bytes, limits);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: SKIP_IMAGES })).value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentParseError(`Cannot read the DOCX file: ${reason}`, { cause: error });
  }
  // mammoth does not expose docProps/core.xml; the first heading serves as the title.
  return parseHtmlFragment(html, null, limits);
}
