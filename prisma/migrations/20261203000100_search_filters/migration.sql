-- Search filters (POST /v1/search `filter`): documents carry metadata (key/values
-- given at upload), and keyword search can be limited to a set of documents, the
-- ones a filter selects. Each filter field has an index on documents: ids (primary
-- key), created range ((collection_id, created_at)), titles and content types
-- below, metadata containment (GIN, jsonb_path_ops).
ALTER TABLE documents ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
CREATE INDEX documents_metadata_idx ON documents USING gin (metadata jsonb_path_ops);
CREATE INDEX documents_collection_id_title_idx ON documents (collection_id, title);
CREATE INDEX documents_collection_id_media_type_idx ON documents (collection_id, media_type);

DROP FUNCTION app_keyword_chunks(uuid[], text, integer, boolean);

-- As in 20261203000000_keyword_search_language, with p_document_ids: NULL searches
-- every document of the collections, an array only those.
CREATE FUNCTION app_keyword_chunks(p_collection_ids uuid[], p_query text, p_limit integer, p_match_all boolean,
                                   p_document_ids uuid[])
  RETURNS TABLE (id uuid, score real)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 20
  AS $$
    WITH languages AS (
      SELECT DISTINCT l.language::regconfig AS language
      FROM collections l
      WHERE l.id = ANY(p_collection_ids) AND l.tenant_id = app_current_tenant()
    ),
    queries AS (
      SELECT language, app_query_terms(language, p_query) AS terms,
             CASE WHEN p_match_all THEN websearch_to_tsquery(language, p_query)
                  ELSE app_any_terms_query(app_query_terms(language, p_query)) END AS q
      FROM languages
    ),
    matches AS (
      SELECT c.id, c.token_count, q.terms, q.language,
             CASE WHEN p_match_all THEN ts_rank_cd(c.tsv, q.q) END AS strict_score,
             CASE WHEN p_match_all THEN NULL::tsvector
                  ELSE ts_filter(setweight(c.tsv, 'A', q.terms), '{a}') END AS found
      FROM queries q
      JOIN chunks c ON c.language = q.language AND c.tsv @@ q.q
      WHERE c.tenant_id = app_current_tenant()
        AND c.collection_id = ANY(p_collection_ids)
        AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
    ),
    occurrences AS (
      SELECT m.id, m.language, f.lexeme, cardinality(f.positions) AS tf
      FROM matches m, unnest(m.found) AS f
    ),
    frequencies AS (
      SELECT language, lexeme, count(*) AS df FROM occurrences GROUP BY language, lexeme
    ),
    corpus AS (
      SELECT greatest(
               (SELECT coalesce(sum(d.chunk_count), 0) FROM documents d
                WHERE d.collection_id = ANY(p_collection_ids) AND d.tenant_id = app_current_tenant()
                  AND (p_document_ids IS NULL OR d.id = ANY(p_document_ids))),
               (SELECT count(*) FROM matches)) AS n,
             greatest((SELECT avg(token_count) FROM matches), 1) AS avg_length
    ),
    bm25 AS (
      SELECT o.id,
             sum(ln(1 + (corpus.n - f.df + 0.5) / (f.df + 0.5))
                 * o.tf * 2.2 / (o.tf + 1.2 * (0.25 + 0.75 * m.token_count / corpus.avg_length))) AS score
      FROM occurrences o
      JOIN frequencies f ON f.language = o.language AND f.lexeme = o.lexeme
      JOIN matches m ON m.id = o.id
      CROSS JOIN corpus
      GROUP BY o.id
    )
    SELECT id, score::real FROM (
      SELECT id, score FROM bm25 WHERE NOT p_match_all
      UNION ALL
      SELECT id, strict_score FROM matches WHERE p_match_all
    ) ranked
    ORDER BY score DESC, id
    LIMIT p_limit
  $$;

REVOKE ALL ON FUNCTION app_keyword_chunks(uuid[], text, integer, boolean, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_keyword_chunks(uuid[], text, integer, boolean, uuid[]) TO copilot_app;

-- Documents whose metadata passes every condition, for the transaction's tenant.
-- `metadata @> value` is not leakproof, so under row level security Postgres
-- cannot use the GIN index for it (as with tsv, above); this runs as the owner,
-- through the index, and applies the tenant itself. p_conditions: one array per
-- key, of the containments any of which it takes, e.g. [[{"team":"a"},{"team":"b"}]].
CREATE FUNCTION app_documents_with_metadata(p_collection_ids uuid[], p_conditions jsonb)
  RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 100
  AS $$
  DECLARE
    alternatives jsonb;
    clauses text[] := ARRAY[]::text[];
  BEGIN
    FOR alternatives IN SELECT value FROM jsonb_array_elements(p_conditions) LOOP
      clauses := clauses || (
        SELECT '(' || string_agg(format('d.metadata @> %L::jsonb', alternative), ' OR ') || ')'
        FROM jsonb_array_elements(alternatives) AS alternative
      );
    END LOOP;
    RETURN QUERY EXECUTE format(
      'SELECT d.id FROM documents d WHERE d.tenant_id = app_current_tenant() AND d.collection_id = ANY($1) AND %s',
      coalesce(nullif(array_to_string(clauses, ' AND '), ''), 'true')
    ) USING p_collection_ids;
  END
  $$;

REVOKE ALL ON FUNCTION app_documents_with_metadata(uuid[], jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_documents_with_metadata(uuid[], jsonb) TO copilot_app;
