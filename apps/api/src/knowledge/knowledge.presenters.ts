import type { ChunkHit, Document } from '@copilot/persistence';

export { presentCollection } from '@copilot/persistence/presenters';

export const presentDocument = (d: Document) => ({
  id: d.id,
  collectionId: d.collectionId,
  title: d.title,
  source: {
    type: d.sourceType,
    url: d.sourceUrl,
    filename: d.filename,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
  },
  stage: d.stage,
  progress: d.progress,
  error: d.error,
  chunkCount: d.chunkCount,
  jobId: d.jobId,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  indexedAt: d.indexedAt,
  metadata: d.metadata,
});

export const presentHit = (h: ChunkHit) => ({
  chunkId: h.chunkId,
  documentId: h.documentId,
  collectionId: h.collectionId,
  title: h.title,
  text: h.text,
  headingPath: h.headingPath,
  offsets: { start: h.startOffset, end: h.endOffset },
  score: h.score,
});
