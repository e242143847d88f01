import { inflateRawSync } from 'node:zlib';
import { DocumentLimitError, DocumentParseError } from '../retrieval-types';
import { checkRatio, expandedTooLarge, type ParseLimits } from './parse-limits';

/** A Word file has a few dozen parts; tens of thousands are only there to exhaust the unzipper. */
const MAX_ENTRIES = 10_000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/**
 * Checks a zip (DOCX) before anything unzips it: the sizes its central directory
 * declares (in total, and per entry against the compression ratio), then that each
 * entry really inflates to no more than it declares, with zlib stopping at that
 * size. jszip (under mammoth) trusts the declared sizes and checks them only after
 * inflating everything, into memory a worker thread's heap limit does not cover.
 */
export function checkZipArchive(bytes: Buffer, limits: ParseLimits, what = 'The DOCX file'): void {
  const entries = centralDirectory(bytes, what);
  if (entries.length > MAX_ENTRIES) {
    throw new DocumentLimitError(
      'too_complex',
      `${what} holds ${entries.length} files; at most ${MAX_ENTRIES} are accepted.`,
      'zip_entries',
    );
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressed, 0);
  if (declared > limits.maxExpandedBytes) throw expandedTooLarge(what, declared, limits);
  for (const entry of entries) {
    checkRatio(`${what} (${entry.name})`, entry.compressed, entry.uncompressed, limits);
    if (entry.method === 8) inflatesAsDeclared(bytes, entry, what);
  }
}

function centralDirectory(bytes: Buffer, what: string): Entry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw new DocumentParseError(`${what} is not a zip archive (no central directory).`);
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  // ZIP64 archives (count 0xffff, offsets 0xffffffff) are larger than any document accepted here.
  if (count === 0xffff || offset === MAX32) throw expandedTooLargeZip64(what);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL) {
      throw new DocumentParseError(`${what} has a damaged central directory.`);
    }
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const entry: Entry = {
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: bytes.readUInt16LE(offset + 10),
      compressed: bytes.readUInt32LE(offset + 20),
      uncompressed: bytes.readUInt32LE(offset + 24),
      localOffset: bytes.readUInt32LE(offset + 42),
    };
    applyZip64Extra(bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
    if (entries.length > MAX_ENTRIES) break;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/** 64-bit sizes replace the 32-bit fields that hold 0xffffffff, in this order. */
function applyZip64Extra(extra: Buffer, entry: Entry): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      for (const key of ['uncompressed', 'compressed', 'localOffset'] as const) {
        if (entry[key] !== MAX32 || field + 8 > at + 4 + size) continue;
        entry[key] = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
    }
    at += 4 + size;
  }
}

function inflatesAsDeclared(bytes: Buffer, entry: Entry, what: string): void {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) {
    throw new DocumentParseError(`${what} has a damaged entry (${entry.name}).`);
  }
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + entry.compressed);
  try {
    inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressed, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DocumentLimitError(
        'too_large',
        `${what} (${entry.name}) expands to more than the ${entry.uncompressed} bytes it declares.`,
        'DOCUMENT_MAX_EXPANDED_BYTES',
      );
    }
    throw new DocumentParseError(`${what} has a damaged entry (${entry.name}).`, { cause: error });
  }
}

function expandedTooLargeZip64(what: string): DocumentLimitError {
  return new DocumentLimitError(
    'too_large',
    `${what} is a ZIP64 archive (over 4 GB or 65,535 files), far larger than a document may expand to.`,
    'DOCUMENT_MAX_EXPANDED_BYTES',
  );
}
