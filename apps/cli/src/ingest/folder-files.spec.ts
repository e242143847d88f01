import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCX_MEDIA_TYPE } from '@copilot/retrieval';
import { scanFolder } from './folder-files';

describe(scanFolder.name, () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'scan-folder-'));
    mkdirSync(join(folder, 'policies'));
    mkdirSync(join(folder, '.git'));
    for (const name of [
      'b.md',
      'a.TXT',
      'policies/leave.docx',
      'policies/index.htm',
      'logo.png',
      '.env',
      '.git/config.txt',
    ])
      writeFileSync(join(folder, name), 'x');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('finds the files the parsers read, in every subfolder, with the media type an upload would carry', () => {
    expect(scanFolder(folder)).toEqual({
      supported: [
        { name: 'a.TXT', path: join(folder, 'a.TXT'), mediaType: 'text/plain' },
        { name: 'b.md', path: join(folder, 'b.md'), mediaType: 'text/markdown' },
        { name: 'policies/index.htm', path: join(folder, 'policies/index.htm'), mediaType: 'text/html' },
        { name: 'policies/leave.docx', path: join(folder, 'policies/leave.docx'), mediaType: DOCX_MEDIA_TYPE },
      ],
      // hidden files and folders are not documents; other types are reported, not sent
      skipped: ['logo.png'],
    });
  });
});
