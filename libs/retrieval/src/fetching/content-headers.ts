/** Reads the media type and a file name from a response, for the ingest pipeline. */

const FALLBACK_MEDIA_TYPE = 'application/octet-stream';

/** `text/html; charset=utf-8` → `text/html`; the parser sniffs or falls back when absent. */
export function mediaTypeOf(contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || FALLBACK_MEDIA_TYPE;
}

/**
 * The file name from Content-Disposition (RFC 6266: `filename*` wins over
 * `filename`), else the last segment of the URL path. Only a bare name is
 * returned: the server controls it, and a path in it must not steer anything.
 */
export function filenameOf(contentDisposition: string | undefined, url: URL): string | undefined {
  return fromDisposition(contentDisposition) ?? fromPath(url.pathname);
}

function fromDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  // filename*=charset'lang'percent-encoded (RFC 8187)
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';]*)'[^';]*'([^;\s]+)/i.exec(header);
  if (extended) {
    const name = decodeExtended(extended[1]!, extended[2]!);
    if (name) return sanitise(name);
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const raw = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return raw ? sanitise(raw) : undefined;
}

function decodeExtended(charset: string, encoded: string): string | undefined {
  try {
    if (/^iso-8859-1$/i.test(charset)) {
      // decodeURIComponent assumes UTF-8; Latin-1 bytes map 1:1 to code points.
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    return decodeURIComponent(encoded);
  } catch {
    return undefined; // malformed escapes: fall back to the plain filename
  }
}

function fromPath(pathname: string): string | undefined {
  const segment = pathname.split('/').pop();
  if (!segment) return undefined;
  try {
    return sanitise(decodeURIComponent(segment));
  } catch {
    return sanitise(segment);
  }
}

function sanitise(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base && base !== '.' && base !== '..' ? base : undefined;
}
