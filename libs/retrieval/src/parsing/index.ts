export { parseDocument, detectFormat, DOCX_MEDIA_TYPE, type ParseDocumentInput } from './parse-document';
