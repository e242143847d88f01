/** Uploads one file as a browser or SDK would (multipart `file` field); answers the accepted document's id. */
export async function uploadFile(
  apiUrl: string,
  apiKey: string,
  collectionId: string,
  file: { filename: string; mediaType: string; bytes: Buffer },
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mediaType }), file.filename);
  const response = await fetch(`${apiUrl}/v1/collections/${collectionId}/documents`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey },
    body: form,
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`upload of ${file.filename} answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { document: { id: string } }).document.id;
}
