-- Cloud manager v24: image OS version and CPU architecture (Glance
-- os_version / architecture properties). Existing images are backfilled from
-- their names, defaulting to x86_64.

ALTER TABLE images
  ADD COLUMN os_version VARCHAR(64) NULL DEFAULT NULL AFTER os_distro,
  ADD COLUMN architecture VARCHAR(32) NULL DEFAULT NULL AFTER os_version;

UPDATE images
   SET architecture = 'aarch64'
 WHERE architecture IS NULL
   AND (name LIKE '%aarch64%' OR name LIKE '%arm64%');

UPDATE images
   SET architecture = 'x86_64'
 WHERE architecture IS NULL;
