-- Unstored OpenAI-compatible exchanges (store: false, or OPENAI_COMPAT_STORE_CONVERSATIONS=false)
-- are found by the retention sweep without reading every conversation of the tenant.
CREATE INDEX "conversations_unstored_updated_at_idx" ON "conversations" ("updated_at")
  WHERE (metadata->>'stored') = 'false';
