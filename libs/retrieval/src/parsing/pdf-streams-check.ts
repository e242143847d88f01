import { constants, inflateSync } from 'node:zlib';
import { checkRatio, expandedTooLarge, type ParseLimits } from './parse-limits';

/** How far before `stream` its dictionary is looked for. */
const DICTIONARY_WINDOW = 4096;

/**
 * Checks what a PDF's Flate-compressed streams (page contents, fonts, object
 * streams) expand to, before PDF.js decodes them into buffers the worker thread's
 * heap limit does not cover: zlib stops at what is left of DOCUMENT_MAX_EXPANDED_BYTES.
 * A scan of the raw bytes, not a PDF parser: image streams are skipped (text
 * extraction never decodes them), and streams it cannot inflate (other filters,
 * encryption) are left to PDF.js, under the time and heap limits.
 */
export function checkPdfStreams(bytes: Buffer, limits: ParseLimits): void {
  const text = bytes.toString('latin1');
  const keyword = /(?<!end)stream\r?\n/g;
  let total = 0;
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    keyword.lastIndex = end + 'endstream'.length;
    const dictionary = text.slice(
      Math.max(text.lastIndexOf('obj', match.index), match.index - DICTIONARY_WINDOW, 0),
      match.index,
    );
    if (!/\/FlateDecode/.test(dictionary) || /\/Subtype\s*\/Image/.test(dictionary)) continue;
    const left = limits.maxExpandedBytes - total;
    const expanded = inflatedLength(bytes.subarray(start, end), Math.min(left + 1, 2 ** 31 - 1));
    if (expanded === null) continue;
    total += expanded;
    if (total > limits.maxExpandedBytes) throw expandedTooLarge('The PDF', total, limits);
    checkRatio('A stream of the PDF', end - start, expanded, limits);
  }
}

/** Inflated size, capped at `cap` (then `cap`); null when the data is not zlib. */
function inflatedLength(data: Buffer, cap: number): number | null {
  try {
    // Sync flush: PDF.js also reads streams whose end is damaged.
    return inflateSync(data, { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return cap;
    return null;
  }
}
