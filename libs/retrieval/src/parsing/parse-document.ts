import { DocumentLimitError, DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { decodeText } from './document-builder';
import { parseDocx } from './docx';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';
import { parsePdf } from './pdf';
import { parsePlainText } from './plain-text';

export interface ParseDocumentInput {
  bytes: Buffer;
  mediaType: string;
  filename?: string;
}

type Format = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const BY_MEDIA_TYPE: Record<string, Format> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  [DOCX_MEDIA_TYPE]: 'docx',
};

const BY_EXTENSION: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/**
 * Turns an uploaded file into text and sections. A known media type wins; the
 * extension is consulted when the type is missing, generic or unknown (browsers
 * send `application/octet-stream` or `application/zip` for `.md` and `.docx`).
 * Every failure, including a library's own, surfaces as DocumentParseError.
 */
export async function parseDocument(
  input: ParseDocumentInput,
  limits: ParseLimits = NO_PARSE_LIMITS,
): Promise<ParsedDocument> {
  const format = detectFormat(input.mediaType, input.filename);
  if (input.bytes.length === 0) throw new DocumentParseError('The file is empty.');
  try {
    switch (format) {
      case 'text':
        return parsePlainText(decodeText(input.bytes));
      case 'markdown':
        return parseMarkdown(decodeText(input.bytes), limits);
      case 'html':
        return parseHtml(decodeText(input.bytes), limits);
      case 'pdf':
        return await parsePdf(input.bytes, limits);
      case 'docx':
        return await parseDocx(input.bytes, limits);
    }
  } catch (error) {
    if (error instanceof DocumentParseError) throw error;
    // A library recursing once per level of the document's structure.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new DocumentLimitError(
        'too_complex',
        `The ${format} document is nested too deeply to read.`,
        'DOCUMENT_MAX_NESTING',
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentParseError(`Cannot read the ${format} document: ${reason}`, { cause: error });
  }
}

export function detectFormat(mediaType: string, filename?: string): Format {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();
  const byType = BY_MEDIA_TYPE[essence];
  if (byType) return byType;
  const extension = filename?.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
  const byExtension = BY_EXTENSION[extension];
  if (byExtension) return byExtension;
  const what = essence || 'an unknown media type';
  throw new DocumentParseError(
    `Unsupported media type: ${what}${filename ? ` (${filename})` : ''}. Supported: plain text, Markdown, HTML, PDF, DOCX.`,
  );
}
