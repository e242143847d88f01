import { type ParsedDocument } from '../retrieval-types';
import { DocumentBuilder } from './document-builder';

/** Plain text: blank lines separate paragraphs, other line breaks are kept; no headings, no title. */
export function parsePlainText(text: string): ParsedDocument {
  const builder = new DocumentBuilder();
  builder.paragraphs(text);
  return builder.build(null);
}
