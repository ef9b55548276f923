-- Cloud manager v18: clouds reference their service credentials in Barbican
-- instead of the deployment config file, and TLS verification can be
-- disabled per cloud (lab environments with self-signed certificates).

ALTER TABLE clouds
  ADD COLUMN credential_ref VARCHAR(255) NULL DEFAULT NULL COMMENT 'Barbican secret reference' AFTER auth_url,
  ADD COLUMN verify_tls TINYINT(1) NOT NULL DEFAULT 1 AFTER credential_ref;
