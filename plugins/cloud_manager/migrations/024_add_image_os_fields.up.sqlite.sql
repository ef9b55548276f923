-- Cloud manager v24 (SQLite): image OS version and CPU architecture (Glance
-- os_version / architecture properties). Existing images are backfilled from
-- their names, defaulting to x86_64. (Both columns are appended at the end;
-- MySQL puts them after os_distro. LIKE is case-insensitive for ASCII in
-- SQLite, as with MySQL's _ci collation.)

ALTER TABLE images ADD COLUMN os_version TEXT;
ALTER TABLE images ADD COLUMN architecture TEXT;

UPDATE images
   SET architecture = 'aarch64'
 WHERE architecture IS NULL
   AND (name LIKE '%aarch64%' OR name LIKE '%arm64%');

UPDATE images
   SET architecture = 'x86_64'
 WHERE architecture IS NULL;
