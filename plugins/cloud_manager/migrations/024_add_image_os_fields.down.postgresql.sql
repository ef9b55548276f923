-- Cloud manager v24 rollback (PostgreSQL): drop the image OS version and
-- architecture.

ALTER TABLE images
  DROP COLUMN architecture,
  DROP COLUMN os_version;
