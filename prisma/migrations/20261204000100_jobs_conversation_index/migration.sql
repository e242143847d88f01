-- Chat jobs name their conversation in the payload. Deleting a conversation
-- (DELETE /v1/conversations/:id, which refuses while one of its replies runs) and
-- the retention sweep look jobs up by it; without an index each lookup read every
-- job of the tenant. Jobs of other kinds index as NULL.
CREATE INDEX jobs_conversation_id_idx ON jobs ((payload->>'conversationId'));
