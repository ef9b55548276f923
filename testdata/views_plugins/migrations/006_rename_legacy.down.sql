ALTER TABLE heritage DROP COLUMN kept;
RENAME TABLE heritage TO legacy;
