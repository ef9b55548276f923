-- Cloud manager v18 (SQLite): clouds reference their service credentials in
-- Barbican instead of the deployment config file, and TLS verification can be
-- disabled per cloud (lab environments with self-signed certificates).
-- (Both columns are appended at the end; MySQL puts them after auth_url.)
-- Column comment (not supported by SQLite): credential_ref = Barbican secret reference

ALTER TABLE clouds ADD COLUMN credential_ref TEXT;
ALTER TABLE clouds ADD COLUMN verify_tls INTEGER NOT NULL DEFAULT 1;
