import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.txt': 'text/plain',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A committed sample document (see ./fixtures) with the media type an upload would declare. */
export function readFixture(name: string): { bytes: Buffer; mediaType: string; filename: string } {
  const mediaType = MEDIA_TYPES[extname(name).toLowerCase()];
  if (!mediaType) throw new Error(`No media type known for fixture ${name}`);
  return { bytes: readFileSync(join(__dirname, 'fixtures', name)), mediaType, filename: name };
}
