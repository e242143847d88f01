export { parseDocument, detectFormat, DOCX_MEDIA_TYPE, type ParseDocumentInput } from './parse-document';
export { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';
