-- Cloud manager v24 (PostgreSQL): image OS version and CPU architecture
-- (Glance os_version / architecture properties). Existing images are
-- backfilled from their names, defaulting to x86_64. (The columns are
-- appended: no AFTER clause in PostgreSQL. LIKE under MySQL's
-- utf8mb4_unicode_ci ignores case, so the name match is ILIKE here: an image
-- named "Ubuntu-ARM64" is aarch64 on both databases.)

ALTER TABLE images
  ADD COLUMN os_version VARCHAR(64) NULL,
  ADD COLUMN architecture VARCHAR(32) NULL;

UPDATE images
   SET architecture = 'aarch64'
 WHERE architecture IS NULL
   AND (name ILIKE '%aarch64%' OR name ILIKE '%arm64%');

UPDATE images
   SET architecture = 'x86_64'
 WHERE architecture IS NULL;
