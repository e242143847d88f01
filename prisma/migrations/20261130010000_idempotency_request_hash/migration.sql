-- What an Idempotency-Key was first used with: the SHA-256 of the request (its target
-- and body), so a repeat with another body is refused (422) instead of answered with
-- the first request's response. Null for jobs created without a key, or before this.
-- jobs already has row level security and the app role's table grants.
ALTER TABLE jobs ADD COLUMN idempotency_request_hash text;
