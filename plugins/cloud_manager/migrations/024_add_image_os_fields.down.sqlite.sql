-- Cloud manager v24 rollback (SQLite): drop the image OS version and
-- architecture.

ALTER TABLE images DROP COLUMN architecture;
ALTER TABLE images DROP COLUMN os_version;
