import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectFormat, DOCX_MEDIA_TYPE } from '@copilot/retrieval';

const MEDIA_TYPE = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: DOCX_MEDIA_TYPE,
} as const;

export interface FolderFile {
  /** Relative to the folder: what people and the document's filename see. */
  name: string;
  path: string;
  mediaType: string;
}

/**
 * Every file under `folder` (recursively, hidden entries left out), split into those
 * the platform's parsers read (by extension, as an upload without a media type is
 * read) and the rest.
 */
export function scanFolder(folder: string): { supported: FolderFile[]; skipped: string[] } {
  const supported: FolderFile[] = [];
  const skipped: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const name = relative(folder, path);
        try {
          supported.push({ name, path, mediaType: MEDIA_TYPE[detectFormat('', entry.name)] });
        } catch {
          skipped.push(name);
        }
      }
    }
  };
  walk(folder);
  return { supported, skipped };
}
