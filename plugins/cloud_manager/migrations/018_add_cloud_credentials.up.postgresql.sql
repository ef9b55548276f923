-- Cloud manager v18 (PostgreSQL): clouds reference their service credentials
-- in Barbican instead of the deployment config file, and TLS verification
-- can be disabled per cloud (lab environments with self-signed
-- certificates). (Both columns are appended: no AFTER clause in PostgreSQL.)

ALTER TABLE clouds
  ADD COLUMN credential_ref VARCHAR(255) NULL,
  ADD COLUMN verify_tls BOOLEAN NOT NULL DEFAULT TRUE;

COMMENT ON COLUMN clouds.credential_ref IS 'Barbican secret reference';
