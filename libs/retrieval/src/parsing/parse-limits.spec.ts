import { DOCX_MEDIA_TYPE, parseDocument } from './parse-document';
import { NO_PARSE_LIMITS, type ParseLimits } from './parse-limits';
import {
  flateBombPdf,
  lyingDocx,
  nestedHtml,
  nestedMarkdown,
  pdfWithPages,
  repetitiveDocx,
  zipBombDocx,
} from '../testing/hostile-documents';
import { readFixture } from '../testing/fixtures';

const LIMITS: ParseLimits = {
  maxExpandedBytes: 8 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxPages: 20,
  maxNesting: 50,
};
const docx = (bytes: Buffer) => ({ bytes, mediaType: DOCX_MEDIA_TYPE, filename: 'upload.docx' });
const pdf = (bytes: Buffer) => ({ bytes, mediaType: 'application/pdf' });

async function refusal(input: Parameters<typeof parseDocument>[0], limits = LIMITS) {
  try {
    await parseDocument(input, limits);
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, ...(error as object) };
  }
  throw new Error('the document was accepted');
}

// Each file is built the way an attacker builds it; each is refused before the
// library that would choke on it sees it, with the limit named.
describe('parsing limits', () => {
  it('refuses a zip-bomb DOCX from its central directory, before unzipping it', async () => {
    const bomb = await zipBombDocx(40 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusal(docx(bomb))).toMatchObject({
      name: 'DocumentLimitError',
      reason: 'too_large',
      limit: 'DOCUMENT_MAX_EXPANDED_BYTES',
      message: expect.stringMatching(/expands to \d+ bytes or more; at most 8388608/),
    });
  });

  it('refuses a DOCX that compresses too well even under the size limit', async () => {
    const dense = await zipBombDocx(4 * 1024 * 1024);
    expect(await refusal(docx(dense))).toMatchObject({ reason: 'too_large', limit: 'DOCUMENT_MAX_COMPRESSION_RATIO' });
  });

  it('refuses a DOCX whose entries expand to more than they declare', async () => {
    const liar = await lyingDocx(20_000, 1_000);
    expect(await refusal(docx(liar), { ...LIMITS, maxCompressionRatio: Infinity })).toMatchObject({
      reason: 'too_large',
      message: expect.stringMatching(/word\/document\.xml\) expands to more than the 1000 bytes it declares/),
    });
  });

  it('still reads ordinary Word files, images and all', async () => {
    const parsed = await parseDocument(readFixture('policy.docx'), LIMITS);
    expect(parsed.text.length).toBeGreaterThan(100);
    const repetitive = await parseDocument(docx(await repetitiveDocx(200)), LIMITS);
    expect(repetitive.text).toContain('The same sentence again and again.');
  });

  it('refuses a PDF with more pages than allowed, and reads one within the limit', async () => {
    expect(await refusal(pdf(pdfWithPages(21)))).toMatchObject({
      reason: 'too_large',
      limit: 'DOCUMENT_MAX_PAGES',
      message: 'The PDF has 21 pages; at most 20 are accepted.',
    });
    const parsed = await parseDocument(pdf(pdfWithPages(3)), LIMITS);
    expect(parsed.sections.map((s) => s.headingPath)).toEqual([['Page 1'], ['Page 2'], ['Page 3']]);
    expect(parsed.text).toContain('A page of the report.');
  });

  it('refuses a PDF whose compressed page content expands past the limit', async () => {
    const bomb = flateBombPdf(20 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(pdf(bomb), { ...LIMITS, maxCompressionRatio: Infinity })).toMatchObject({
      reason: 'too_large',
      limit: 'DOCUMENT_MAX_EXPANDED_BYTES',
    });
    expect(await refusal(pdf(flateBombPdf(2 * 1024 * 1024)))).toMatchObject({
      limit: 'DOCUMENT_MAX_COMPRESSION_RATIO',
    });
    expect((await parseDocument(pdf(flateBombPdf(1_000)), LIMITS)).text).toContain('Boom.');
  });

  it.each([
    ['HTML', nestedHtml, 'text/html'],
    ['Markdown', nestedMarkdown, 'text/markdown'],
  ])('refuses %s nested deeper than allowed, and reads it within the limit', async (what, build, mediaType) => {
    const input = (depth: number) => ({ bytes: Buffer.from(build(depth)), mediaType });
    expect(await refusal(input(5_000))).toMatchObject({
      reason: 'too_complex',
      limit: 'DOCUMENT_MAX_NESTING',
      message: `The ${what} nests more than 50 levels deep; at most 50 are accepted.`,
    });
    expect((await parseDocument(input(40), LIMITS)).text).toMatch(/Deep/);
  });

  it('does not count elements HTML closes by itself as nesting', async () => {
    const sloppy = `<html><body><ul>${'<li><p>item'.repeat(500)}</ul><table>${'<tr><td>cell'.repeat(500)}</table></body></html>`;
    const parsed = await parseDocument({ bytes: Buffer.from(sloppy), mediaType: 'text/html' }, LIMITS);
    expect(parsed.text).toContain('item');
  });

  it('reports a parser overflowing its stack on deep structure as too complex, not unreadable', async () => {
    const input = { bytes: Buffer.from(`${'>'.repeat(20_000)} deep`), mediaType: 'text/markdown' };
    expect(await refusal(input, NO_PARSE_LIMITS)).toMatchObject({ reason: 'too_complex' });
  });

  it('reads 200 KB of unmatched emphasis markers (quadratic in marked as one run)', async () => {
    const parsed = await parseDocument(
      { bytes: Buffer.from('*a'.repeat(100_000)), mediaType: 'text/markdown' },
      LIMITS,
    );
    expect(parsed.text.replace(/[^a]/g, '')).toHaveLength(100_000);
  });
});
