-- Any-term keyword search with a bounded candidate set. Matching any meaningful
-- term of a question (20261203000000_keyword_search_language) selects most of a
-- large collection when the question has a common term, and BM25 then scored
-- every one of those chunks: 346 ms at p50 and 3.3 s at p99 over 100k chunks
-- (npm run bench -- search).
--
-- Now each term's document frequency is counted first, up to candidate_cap + 1 (a
-- LIMIT over the GIN index, so a common term costs a bounded scan). The candidates
-- are the chunks holding the rarest terms, as many terms as fit the cap together,
-- plus up to candidate_cap chunks holding every one of the remaining, common terms
-- (the strongest of the chunks that have only common terms); when even the rarest
-- term does not fit, up to candidate_cap of its chunks too. Every candidate is then
-- scored by BM25 over all the query's terms. Chunks left out hold some common terms
-- but none of the rare ones and not all the common ones: their scores are low.
--
-- Document frequencies are exact for the terms that fit; the others count as
-- candidate_cap + 1, below their true frequency, so their weight is somewhat
-- overstated, and stays below the rarer terms'. Measured on the search benchmark's
-- 100k chunks (30 questions, SQL time): the top 10 agree with BM25 over every
-- matching chunk for 94% of the hits, at 53 ms on average and 81 ms at most,
-- against 379 ms and 1.98 s.
CREATE OR REPLACE FUNCTION app_keyword_chunks(p_collection_ids uuid[], p_query text, p_limit integer,
                                              p_match_all boolean, p_document_ids uuid[])
  RETURNS TABLE (id uuid, score real)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 20
  AS $$
  #variable_conflict use_column
  DECLARE
    candidate_cap constant integer := 2000;
  BEGIN
    IF p_match_all THEN
      RETURN QUERY
        WITH languages AS (
          SELECT DISTINCT l.language::regconfig AS language
          FROM collections l
          WHERE l.id = ANY(p_collection_ids) AND l.tenant_id = app_current_tenant()
        )
        SELECT c.id, ts_rank_cd(c.tsv, websearch_to_tsquery(g.language, p_query))::real AS score
        FROM languages g
        JOIN chunks c ON c.language = g.language AND c.tsv @@ websearch_to_tsquery(g.language, p_query)
        WHERE c.tenant_id = app_current_tenant()
          AND c.collection_id = ANY(p_collection_ids)
          AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
        ORDER BY 2 DESC, 1
        LIMIT p_limit;
      RETURN;
    END IF;

    RETURN QUERY
      WITH languages AS (
        SELECT DISTINCT l.language::regconfig AS language
        FROM collections l
        WHERE l.id = ANY(p_collection_ids) AND l.tenant_id = app_current_tenant()
      ),
      -- Each term's document frequency, counted up to candidate_cap + 1 (a LIMIT over the GIN index).
      terms AS (
        SELECT g.language, t.lexeme,
               (SELECT count(*) FROM (
                  SELECT 1 FROM chunks c
                  WHERE c.language = g.language AND c.tsv @@ app_any_terms_query(ARRAY[t.lexeme])
                    AND c.tenant_id = app_current_tenant()
                    AND c.collection_id = ANY(p_collection_ids)
                    AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
                  LIMIT candidate_cap + 1) capped) AS df
        FROM languages g, unnest(app_query_terms(g.language, p_query)) AS t(lexeme)
      ),
      ranked_terms AS (
        SELECT t.language, t.lexeme, t.df,
               sum(t.df) OVER (PARTITION BY t.language ORDER BY t.df, t.lexeme) AS running,
               row_number() OVER (PARTITION BY t.language ORDER BY t.df, t.lexeme) AS rarity
        FROM terms t
        WHERE t.df > 0
      ),
      queries AS (
        SELECT r.language,
               array_agg(r.lexeme) AS terms,
               app_any_terms_query(array_agg(r.lexeme) FILTER (WHERE r.running <= candidate_cap)) AS selecting,
               -- the common terms, all of them: the any-terms query with its ORs made ANDs (lexemes are quoted)
               replace(app_any_terms_query(array_agg(r.lexeme) FILTER (WHERE r.running > candidate_cap))::text,
                       ' | ', ' & ')::tsquery AS common,
               app_any_terms_query(array_agg(r.lexeme) FILTER (WHERE r.rarity = 1)) AS rarest
        FROM ranked_terms r
        GROUP BY r.language
      ),
      candidate_ids AS (
        SELECT c.id, q.language FROM queries q
        JOIN chunks c ON c.language = q.language AND c.tsv @@ q.selecting
        WHERE numnode(q.selecting) > 0
          AND c.tenant_id = app_current_tenant()
          AND c.collection_id = ANY(p_collection_ids)
          AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
        UNION
        (SELECT c.id, q.language FROM queries q
         JOIN chunks c ON c.language = q.language AND c.tsv @@ q.common
         WHERE numnode(q.common) > 0
           AND c.tenant_id = app_current_tenant()
           AND c.collection_id = ANY(p_collection_ids)
           AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
         LIMIT candidate_cap)
        UNION
        (SELECT c.id, q.language FROM queries q
         JOIN chunks c ON c.language = q.language AND c.tsv @@ q.rarest
         WHERE coalesce(numnode(q.selecting), 0) = 0
           AND c.tenant_id = app_current_tenant()
           AND c.collection_id = ANY(p_collection_ids)
           AND (p_document_ids IS NULL OR c.document_id = ANY(p_document_ids))
         LIMIT candidate_cap)
      ),
      candidates AS (
        SELECT c.id, c.token_count, k.language, ts_filter(setweight(c.tsv, 'A', q.terms), '{a}') AS found
        FROM candidate_ids k
        JOIN chunks c ON c.id = k.id
        JOIN queries q ON q.language = k.language
      ),
      occurrences AS (
        SELECT m.id, m.language, f.lexeme, cardinality(f.positions) AS tf
        FROM candidates m, unnest(m.found) AS f
      ),
      corpus AS (
        SELECT greatest(
                 (SELECT coalesce(sum(d.chunk_count), 0) FROM documents d
                  WHERE d.collection_id = ANY(p_collection_ids) AND d.tenant_id = app_current_tenant()
                    AND (p_document_ids IS NULL OR d.id = ANY(p_document_ids))),
                 (SELECT count(*) FROM candidates)) AS n,
               greatest((SELECT avg(token_count) FROM candidates), 1) AS avg_length
      ),
      bm25 AS (
        SELECT o.id,
               sum(ln(1 + (corpus.n - t.df + 0.5) / (t.df + 0.5))
                   * o.tf * 2.2 / (o.tf + 1.2 * (0.25 + 0.75 * m.token_count / corpus.avg_length))) AS score
        FROM occurrences o
        JOIN terms t ON t.language = o.language AND t.lexeme = o.lexeme
        JOIN candidates m ON m.id = o.id
        CROSS JOIN corpus
        GROUP BY o.id
      )
      SELECT b.id, b.score::real FROM bm25 b
      ORDER BY b.score DESC, b.id
      LIMIT p_limit;
  END
  $$;
