import { randomBytes } from 'node:crypto';
import { DocumentParseError, type ParsedDocument } from '../retrieval-types';
import { readFixture } from '../testing/fixtures';
import { DOCX_MEDIA_TYPE, parseDocument } from './parse-document';

/** The invariants every parser owes the chunker. */
function expectWellFormed(doc: ParsedDocument): void {
  expect(doc.text).toBe(doc.text.trim());
  expect(doc.text).not.toMatch(/\n{3,}/);
  expect(doc.text).not.toMatch(/[ \t]+\n|\n[ \t]*\n[ \t]*\n/);
  expect(doc.sections[0]!.start).toBe(0);
  expect(doc.sections[doc.sections.length - 1]!.end).toBe(doc.text.length);
  doc.sections.forEach((section, i) => {
    expect(section.end).toBeGreaterThan(section.start);
    if (i > 0) expect(section.start).toBe(doc.sections[i - 1]!.end);
  });
}

function sectionText(doc: ParsedDocument, i: number): string {
  return doc.text.slice(doc.sections[i]!.start, doc.sections[i]!.end);
}

describe('parseDocument', () => {
  it('parses Markdown: front-matter title, headings as nested sections, markup stripped', async () => {
    const doc = await parseDocument(readFixture('guide.md'));
    expectWellFormed(doc);
    expect(doc.title).toBe('Getting Started with the Copilot Platform');
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ['Getting Started'],
      ['Getting Started', 'Uploading documents'],
      ['Getting Started', 'Uploading documents', 'Limits'],
      ['Getting Started', 'Asking questions'],
    ]);
    expect(doc.text).toContain('Welcome to the Copilot Platform.');
    expect(doc.text).toContain('Read the installation notes first.');
    expect(doc.text).not.toMatch(/\*\*|\]\(|https:|^#/m);
    expect(doc.text).toContain('Plain text and Markdown\nHTML pages\nPDF reports and Word documents');
    expect(doc.text).toContain('copilot ask "What is the refund policy?"');
    expect(doc.text).toContain('Setting | Default\ntopK | 8');
    expect(sectionText(doc, 2)).toBe(
      'Limits\n\nA single file may be at most 20 MB. Larger files are rejected with a clear error.\n\n',
    );
  });

  it('takes the first heading as the title when Markdown has no front matter', async () => {
    const doc = await parseDocument({
      bytes: Buffer.from('Intro text.\n\n## Setup\n\nRun it.'),
      mediaType: 'text/markdown',
    });
    expect(doc.title).toBe('Setup');
    expect(doc.sections).toEqual([
      { headingPath: [], start: 0, end: 13 },
      { headingPath: ['Setup'], start: 13, end: doc.text.length },
    ]);
  });

  it('parses HTML: <title>, main content only, h1..h3 as sections', async () => {
    const doc = await parseDocument(readFixture('article.html'));
    expectWellFormed(doc);
    expect(doc.title).toBe('Composting at Home | Green Living Blog');
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ['Composting at Home'],
      ['Composting at Home', 'What to compost'],
      ['Composting at Home', 'What to compost', 'Balancing the mix'],
      ['Composting at Home', 'Troubleshooting'],
    ]);
    expect(doc.text).toContain('Composting turns kitchen scraps into rich soil.');
    expect(doc.text).toContain('Green material: fruit and vegetable scraps\nBrown material: dry leaves and cardboard');
    expect(doc.text).toContain('to one part green material.\nTurn the pile every week.');
    expect(doc.text).toContain('add dry leaves and turn it');
    for (const noise of [
      'Green Living Blog\n',
      'About us',
      'Recipes',
      'Popular posts',
      'premium garden',
      'Copyright',
      'Privacy',
      'newsletter',
      'analytics',
      'tracking',
      'font-family',
    ]) {
      expect(doc.text).not.toContain(noise);
    }
  });

  it('falls back to <body> without a <main>, still dropping chrome', async () => {
    const html =
      '<html><body><nav>Menu</nav><header>Site</header><h1>Hello</h1><p>World &amp; more.</p><footer>Foot</footer></body></html>';
    const doc = await parseDocument({ bytes: Buffer.from(html), mediaType: 'text/html; charset=utf-8' });
    expect(doc.text).toBe('Hello\n\nWorld & more.');
    expect(doc.title).toBe('Hello');
  });

  it('parses plain text into paragraphs, keeping line breaks and normalising whitespace', async () => {
    const doc = await parseDocument(readFixture('notes.txt'));
    expectWellFormed(doc);
    expect(doc.title).toBeNull();
    expect(doc.sections).toEqual([{ headingPath: [], start: 0, end: doc.text.length }]);
    expect(doc.text.split('\n\n')).toHaveLength(4);
    expect(doc.text).toContain('Action items:\nAlice prepares the rollback script.');

    const messy = await parseDocument({
      bytes: Buffer.from('\uFEFF  One\t two  \r\n\r\n\r\n\n Three\u00a0four \n'),
      mediaType: 'text/plain',
    });
    expect(messy.text).toBe('One two\n\nThree four');
  });

  it('parses a PDF page by page, with its metadata title', async () => {
    const doc = await parseDocument(readFixture('report.pdf'));
    expectWellFormed(doc);
    expect(doc.title).toBe('Quarterly Solar Report');
    expect(doc.sections.map((s) => s.headingPath)).toEqual([['Page 1'], ['Page 2']]);
    expect(sectionText(doc, 0)).toContain('Solar panel output rose by twelve percent this quarter.');
    expect(sectionText(doc, 1)).toContain('The lithium battery bank stored surplus energy overnight.');
    expect(sectionText(doc, 0)).not.toContain('lithium');
  });

  it('parses a DOCX with Word heading styles as sections', async () => {
    const doc = await parseDocument(readFixture('policy.docx'));
    expectWellFormed(doc);
    expect(doc.title).toBe('Remote Work Policy');
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ['Remote Work Policy'],
      ['Remote Work Policy', 'Eligibility'],
      ['Remote Work Policy', 'Equipment'],
      ['Expenses'],
    ]);
    expect(sectionText(doc, 1)).toBe(
      'Eligibility\n\nEmployees who finished their probation period may work remotely up to three days a week.\n\n' +
        'Managers approve requests in writing.\n\n',
    );
  });

  it('uses the extension when the media type is generic', async () => {
    const { bytes } = readFixture('guide.md');
    const doc = await parseDocument({ bytes, mediaType: 'application/octet-stream', filename: 'GUIDE.MD' });
    expect(doc.sections).toHaveLength(4);
    const docx = await parseDocument({ ...readFixture('policy.docx'), mediaType: 'application/zip' });
    expect(docx.title).toBe('Remote Work Policy');
  });

  describe('errors', () => {
    const rejects = (input: Parameters<typeof parseDocument>[0], message: RegExp) =>
      expect(parseDocument(input)).rejects.toThrow(
        expect.objectContaining({ name: 'DocumentParseError', message: expect.stringMatching(message) }),
      );

    it('rejects a corrupt PDF', async () => {
      await rejects({ bytes: randomBytes(2048), mediaType: 'application/pdf' }, /Cannot read the PDF/);
      const truncated = readFixture('report.pdf').bytes.subarray(0, 400);
      await expect(parseDocument({ bytes: truncated, mediaType: 'application/pdf' })).rejects.toBeInstanceOf(
        DocumentParseError,
      );
    });

    it('rejects a PDF without text', async () => {
      const empty = Buffer.from(
        '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
          '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
      );
      await rejects({ bytes: empty, mediaType: 'application/pdf' }, /no extractable text/);
    });

    it('rejects a corrupt DOCX', async () => {
      await rejects({ bytes: randomBytes(1024), mediaType: DOCX_MEDIA_TYPE }, /DOCX/);
    });

    it('rejects unsupported media types', async () => {
      await rejects(
        { bytes: Buffer.from('GIF89a'), mediaType: 'image/gif', filename: 'cat.gif' },
        /Unsupported media type: image\/gif/,
      );
      await rejects({ bytes: Buffer.from('x'), mediaType: '' }, /Unsupported media type/);
    });

    it('rejects empty files and documents without text', async () => {
      await rejects({ bytes: Buffer.alloc(0), mediaType: 'text/plain' }, /empty/);
      await rejects({ bytes: Buffer.from(' \n\n\t '), mediaType: 'text/plain' }, /no readable text/);
      await rejects(
        { bytes: Buffer.from('<nav>Only a menu</nav><script>x()</script>'), mediaType: 'text/html' },
        /no readable text/,
      );
    });

    it('rejects binary data declared as text', async () => {
      await rejects({ bytes: readFixture('report.pdf').bytes, mediaType: 'text/plain' }, /is a PDF, not text/);
      await rejects({ bytes: randomBytes(4096), mediaType: 'text/markdown' }, /binary/);
      const latin1 = await parseDocument({ bytes: Buffer.from('Caf\xe9 cr\xe8me', 'latin1'), mediaType: 'text/plain' });
      expect(latin1.text).toBe('Café crème');
    });
  });
});
