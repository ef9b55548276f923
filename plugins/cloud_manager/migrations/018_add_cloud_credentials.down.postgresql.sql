-- Cloud manager v18 rollback (PostgreSQL): drop the credential reference and
-- TLS flag.

ALTER TABLE clouds
  DROP COLUMN verify_tls,
  DROP COLUMN credential_ref;
