import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';

// Documents an attacker uploads, built the way an attacker builds them. Shared by the
// parsing specs, the worker's integration and end-to-end tests and the benchmark.

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A valid DOCX whose document.xml holds `paragraphs` paragraphs (the same text, or `text(i)`). */
export async function repetitiveDocx(
  paragraphs: number,
  text: string | ((index: number) => string) = 'The same sentence again and again.',
): Promise<Buffer> {
  const paragraph = (i: number) => `<w:p><w:r><w:t>${typeof text === 'string' ? text : text(i)}</w:t></w:r></w:p>`;
  const body = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('')}</w:body></w:document>`,
  );
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file('word/document.xml', body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const VOCABULARY = Array.from({ length: 256 }, (_, i) => `w${(i * 2654435761) % 100003}`);

/**
 * A DOCX of `paragraphs` different sentences: it compresses about tenfold, like real
 * prose, so it passes the ratio check; 300,000 of them (about 35 MB of XML) need
 * gigabytes of heap in mammoth.
 */
export function proseDocx(paragraphs: number): Promise<Buffer> {
  let seed = 1;
  const word = () => VOCABULARY[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % VOCABULARY.length];
  return repetitiveDocx(paragraphs, (i) => `Paragraph ${i}: ${Array.from({ length: 8 }, word).join(' ')}.`);
}

/** A zip bomb as a DOCX: a small file whose document.xml expands to about `expandedBytes`. */
export function zipBombDocx(expandedBytes: number): Promise<Buffer> {
  const paragraph = `<w:p><w:r><w:t>${'a'.repeat(1_000)}</w:t></w:r></w:p>`.length;
  return repetitiveDocx(Math.ceil(expandedBytes / paragraph), 'a'.repeat(1_000));
}

/**
 * A DOCX whose central directory understates what document.xml expands to (the
 * sizes jszip trusts until it has inflated everything): the declared size is cut
 * to `declaredBytes` in both the central and the local header.
 */
export async function lyingDocx(paragraphs: number, declaredBytes: number): Promise<Buffer> {
  const zip = Buffer.from(await repetitiveDocx(paragraphs));
  const name = Buffer.from('word/document.xml');
  for (const [signature, sizeAt, nameAt] of [
    [0x02014b50, 24, 46],
    [0x04034b50, 22, 30],
  ] as const) {
    for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1)) {
      const header = at - nameAt;
      if (header >= 0 && zip.readUInt32LE(header) === signature) zip.writeUInt32LE(declaredBytes, header + sizeAt);
    }
  }
  return zip;
}

/** A PDF of `pages` pages, each with one line of text; `contents` replaces the shared page content stream. */
export function pdfWithPages(pages: number, contents?: { stream: Buffer; flate: boolean }): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const firstPage = 5;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = Array.from({ length: pages }, (_, i) => `${firstPage + i} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const stream = contents?.stream ?? Buffer.from('BT /F1 12 Tf 72 720 Td (A page of the report.) Tj ET\n', 'latin1');
  const filter = contents?.flate ? ' /Filter /FlateDecode' : '';
  add(
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length}${filter} >>\nstream\n`, 'latin1'),
      stream,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  );
  for (let i = 0; i < pages; i++) {
    add(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>',
    );
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const object = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ];
  parts.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** A one-page PDF whose Flate-compressed page content expands to `expandedBytes` (spaces, then one line of text). */
export function flateBombPdf(expandedBytes: number): Buffer {
  const content = Buffer.concat([
    Buffer.alloc(expandedBytes, 0x20),
    Buffer.from('BT /F1 12 Tf 72 720 Td (Boom.) Tj ET\n'),
  ]);
  return pdfWithPages(1, { stream: deflateSync(content, { level: 9 }), flate: true });
}

/** HTML with `depth` nested elements around one sentence. */
export const nestedHtml = (depth: number): string =>
  `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}Deep inside.${'</div>'.repeat(depth)}</body></html>`;

/** Markdown with block quotes nested `depth` deep, then a list nested as deep. */
export const nestedMarkdown = (depth: number): string =>
  `# Deep\n\n${'>'.repeat(depth)} quoted\n\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`;

/** Text without a single whitespace character, `bytes` long. */
export const runWithoutWhitespace = (bytes: number): string => 'a'.repeat(bytes);
