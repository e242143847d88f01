-- Keyword search for questions, not keyword lists (issue 15).
--
-- Each collection has a text search configuration (`language`, default english:
-- stop words dropped, plural/singular and inflections stemmed; `simple` keeps
-- words as written). A chunk carries its collection's configuration, so its
-- generated tsvector is built with it; changing a collection's language updates
-- its chunks' `language`, which recomputes their tsv.
ALTER TABLE collections ADD COLUMN language text NOT NULL DEFAULT 'english';

DROP FUNCTION app_keyword_chunks(uuid[], text, integer);
DROP INDEX chunks_tsv_idx;
ALTER TABLE chunks DROP COLUMN tsv;
ALTER TABLE chunks ADD COLUMN language regconfig NOT NULL DEFAULT 'english';
ALTER TABLE chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector(language, text)) STORED;
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);

-- The meaningful terms of a query, as lexemes of the configuration: stop words
-- are dropped (for `simple`, which has no stop list, English ones are).
CREATE FUNCTION app_query_terms(p_language regconfig, p_query text) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce(array_agg(lexeme ORDER BY lexeme), '{}')
    FROM unnest(tsvector_to_array(to_tsvector(p_language, left(p_query, 2000)))) AS lexeme
    WHERE p_language <> 'simple'::regconfig OR ts_lexize('english_stem', lexeme) IS DISTINCT FROM '{}'::text[]
  $$;

-- Those terms ORed, as a tsquery (lexemes quoted, so none is normalised twice).
CREATE FUNCTION app_any_terms_query(p_terms text[]) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce(string_agg('''' || replace(replace(t, '\', '\\'), '''', '''''') || '''', ' | '), '')::tsquery
    FROM unnest(p_terms) AS t
  $$;

-- Keyword matches for the transaction's tenant, best first. Runs as the owner so
-- the match goes through the GIN index (see 20261129000000_keyword_search_index:
-- under row level security `tsv @@ q` cannot use it), and applies the tenant
-- itself (app_current_tenant(), never one the caller names). ROWS: a page of hits.
--
-- p_match_all false (the default of search): chunks with ANY of the query's terms,
-- ranked by BM25 (k1 1.2, b 0.75) over the searched collections: a rare term weighs
-- more than a common one, repeated terms saturate, long chunks are normalised.
-- Document frequencies come from the matches themselves (every chunk with a term
-- is a match); the collection size from its documents' chunk counts.
-- p_match_all true (strict): web-search syntax, every word required ("phrases",
-- -exclusions), ranked by ts_rank_cd as before.
CREATE FUNCTION app_keyword_chunks(p_collection_ids uuid[], p_query text, p_limit integer, p_match_all boolean)
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
                WHERE d.collection_id = ANY(p_collection_ids) AND d.tenant_id = app_current_tenant()),
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

REVOKE ALL ON FUNCTION app_keyword_chunks(uuid[], text, integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_keyword_chunks(uuid[], text, integer, boolean) TO copilot_app;
