/**
 * Tool output is untrusted and size-capped: at most `maxBytes` of UTF-8, cut at a
 * character boundary (never half a character), saying whether it was cut.
 */
export function capText(output: string, maxBytes: number): { output: string; truncated: boolean } {
  const bytes = Buffer.from(output, 'utf8');
  if (bytes.length <= maxBytes) return { output, truncated: false };
  const cut = bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return { output: cut, truncated: true };
}
