-- Cloud manager v18 rollback: drop the credential reference and TLS flag.

ALTER TABLE clouds
  DROP COLUMN verify_tls,
  DROP COLUMN credential_ref;
