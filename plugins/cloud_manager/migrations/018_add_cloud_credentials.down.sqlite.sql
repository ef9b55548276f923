-- Cloud manager v18 rollback (SQLite): drop the credential reference and TLS
-- flag.

ALTER TABLE clouds DROP COLUMN verify_tls;
ALTER TABLE clouds DROP COLUMN credential_ref;
