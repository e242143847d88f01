-- Generation settings a conversation carries itself (model, system prompt, sampling),
-- overriding its copilot's. The OpenAI-compatible endpoint sets them from each
-- stateless request; conversations created over /v1 leave them null.
ALTER TABLE conversations ADD COLUMN generation jsonb;

-- The OpenAI-compatible endpoint finds a copilot by its name (the request's `model`).
CREATE INDEX copilots_tenant_id_name_idx ON copilots (tenant_id, name);
