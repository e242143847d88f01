import { z } from 'zod';
import { Job, jobExample } from './chat.responses';
import { component, count, EXAMPLE_IDS as IDS, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

const collectionExample = {
  id: IDS.collection,
  name: 'Help center',
  description: 'Public support articles',
  embeddingModel: 'local',
  embeddingDimensions: 384,
  language: 'english',
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};
export const Collection = component(
  'Collection',
  z
    .object({
      id: uuid(),
      name: text(200),
      description: text(2_000),
      embeddingModel: text(200).describe('`local` or `openai/<model>`.'),
      embeddingDimensions: count(10_000),
      language: text(40).describe(
        'Text search configuration of keyword search: `english` (default: stop words dropped, inflections stemmed), `simple` (words as written) or another Postgres language.',
      ),
      createdAt: time(),
      updatedAt: time(),
    })
    .strict()
    .meta({ example: collectionExample }),
  'A knowledge base: documents searched together with one embedding model.',
);
export const CollectionPage = page('CollectionPage', Collection, collectionExample);

const documentExample = {
  id: IDS.document,
  collectionId: IDS.collection,
  title: 'Refund policy',
  source: { type: 'text', url: null, filename: null, mediaType: 'text/plain', sizeBytes: 1840 },
  stage: 'queued',
  progress: 0,
  error: null,
  chunkCount: 0,
  jobId: IDS.job,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  indexedAt: null,
  metadata: { team: 'support' },
};
export const Document = component(
  'Document',
  z
    .object({
      id: uuid(),
      collectionId: uuid(),
      title: text(500),
      source: z
        .object({
          type: z.enum(['file', 'text', 'url']),
          url: text(2_000).nullable(),
          filename: text(1_000).nullable(),
          mediaType: text(255).nullable(),
          sizeBytes: count(),
        })
        .strict(),
      stage: z.enum(['queued', 'parsing', 'chunking', 'embedding', 'indexed', 'failed']),
      progress: count(100).describe('Percent done.'),
      error: jsonObject().nullable(),
      chunkCount: count(),
      jobId: uuid().nullable().describe('The latest ingest job.'),
      createdAt: time(),
      updatedAt: time(),
      indexedAt: time().nullable(),
      metadata: z
        .record(text(64), z.union([text(500), z.number(), z.boolean()]))
        .meta({ maxProperties: 32 })
        .describe('Key/values given at upload, for search filters.'),
    })
    .strict()
    .meta({ example: documentExample }),
  'An ingested document and where its ingest stands.',
);
export const DocumentPage = page('DocumentPage', Document, documentExample);

const ingestJobExample = { ...jobExample, type: 'document.ingest' };
export const DocumentAccepted = component(
  'DocumentAccepted',
  z
    .object({
      document: Document,
      job: Job.nullable().describe('Null when the same content is already in the collection.'),
      duplicate: z.boolean().describe('True (status 200) when the same content was already in the collection.'),
    })
    .strict()
    .meta({ example: { document: documentExample, job: ingestJobExample, duplicate: false } }),
);
export const DocumentRetried = component(
  'DocumentRetried',
  z
    .object({ document: Document, job: Job })
    .strict()
    .meta({ example: { document: documentExample, job: ingestJobExample } }),
);

const hitExample = {
  chunkId: IDS.chunk,
  documentId: IDS.document,
  collectionId: IDS.collection,
  title: 'Refund policy',
  text: 'Refunds are issued within 5 business days of approval.',
  headingPath: ['Billing', 'Refunds'],
  offsets: { start: 120, end: 176 },
  score: 0.82,
};
export const SearchResults = component(
  'SearchResults',
  z
    .object({
      mode: z.enum(['hybrid', 'vector', 'keyword']),
      data: z
        .array(
          z
            .object({
              chunkId: uuid(),
              documentId: uuid(),
              collectionId: uuid(),
              title: text(500),
              text: text(100_000),
              headingPath: z.array(text(500)).max(20),
              offsets: z.object({ start: count(), end: count() }).strict(),
              score: z.number().describe('Higher is better (cosine similarity, rank, or fused score).'),
            })
            .strict(),
        )
        .max(100),
    })
    .strict()
    .meta({ example: { mode: 'hybrid', data: [hitExample] } }),
  'Ranked chunks, best first.',
);
