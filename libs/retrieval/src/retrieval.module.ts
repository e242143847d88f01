import { type DynamicModule, Module } from '@nestjs/common';
import { EmbedderRegistry } from './embedding/embedder-registry';
import { DocumentIngestService } from './ingest/document-ingest.service';
import { IngestThreadPool } from './isolation/ingest-thread-pool';
import { CollectionService } from './knowledge/collection.service';
import { DocumentService } from './knowledge/document.service';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from './knowledge/knowledge-options';
import { SearchService } from './search/search.service';

/** Collections, documents, ingest and search. Needs LlmModule (provider keys) and the platform modules. */
@Module({})
export class RetrievalModule {
  static forRoot(settings: KnowledgeSettings): DynamicModule {
    const services = [CollectionService, DocumentService, DocumentIngestService, EmbedderRegistry, SearchService];
    return {
      module: RetrievalModule,
      global: true,
      providers: [
        { provide: KNOWLEDGE_OPTIONS, useValue: settings },
        {
          // Threads start on the first document, so processes that never ingest (the api) hold none.
          provide: IngestThreadPool,
          useFactory: () =>
            new IngestThreadPool({
              size: settings.parseThreads ?? 1,
              timeoutMs: settings.parseTimeoutMs,
              memoryMb: settings.parseMemoryMb,
            }),
        },
        ...services,
      ],
      exports: [KNOWLEDGE_OPTIONS, ...services],
    };
  }
}
