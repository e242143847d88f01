-- Knowledge: collections of documents, their chunks with embeddings (pgvector)
-- and a generated full-text vector, and citations on messages.

CREATE TABLE collections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- `local` or `openai/<model>`; with the dimension its vectors have.
  embedding_model text NOT NULL,
  embedding_dimensions integer NOT NULL CHECK (embedding_dimensions > 0),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX collections_tenant_id_created_at_id_idx ON collections (tenant_id, created_at DESC, id);

CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE ON UPDATE CASCADE,
  title text NOT NULL,
  source_type text NOT NULL CHECK (source_type IN ('file', 'text', 'url')),
  source_url text,
  filename text,
  media_type text,
  -- SHA-256 of the content (of the URL for URL sources until fetched): the same content is indexed once per collection.
  content_hash text NOT NULL,
  size_bytes integer NOT NULL DEFAULT 0,
  stage text NOT NULL DEFAULT 'queued'
    CHECK (stage IN ('queued', 'parsing', 'chunking', 'embedding', 'indexed', 'failed')),
  progress integer NOT NULL DEFAULT 0,
  error jsonb,
  chunk_count integer NOT NULL DEFAULT 0,
  job_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  indexed_at timestamptz(3)
);
CREATE UNIQUE INDEX documents_collection_id_content_hash_key ON documents (collection_id, content_hash);
CREATE INDEX documents_collection_id_created_at_id_idx ON documents (collection_id, created_at DESC, id);

-- The bytes as received, until they are indexed (payloads carry ids, not content).
CREATE TABLE document_sources (
  document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  bytes bytea NOT NULL
);

CREATE TABLE chunks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE,
  collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE ON UPDATE CASCADE,
  position integer NOT NULL,
  text text NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  heading_path text[] NOT NULL DEFAULT '{}',
  token_count integer NOT NULL,
  dimensions integer NOT NULL,
  embedding vector NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX chunks_document_id_position_idx ON chunks (document_id, position);
CREATE INDEX chunks_collection_id_idx ON chunks (collection_id);
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);
-- HNSW needs a fixed dimension: one partial index per dimension in use (local 384, OpenAI small 1536).
CREATE INDEX chunks_embedding_384_idx ON chunks USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE dimensions = 384;
CREATE INDEX chunks_embedding_1536_idx ON chunks USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE dimensions = 1536;

ALTER TABLE copilots ADD COLUMN collection_ids uuid[] NOT NULL DEFAULT '{}';
-- [{ documentId, chunkId, title, start, end, headingPath }]
ALTER TABLE messages ADD COLUMN citations jsonb NOT NULL DEFAULT '[]';

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['collections', 'documents', 'document_sources', 'chunks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO copilot_app', t);
  END LOOP;
END
$$;
