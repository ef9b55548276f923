ALTER TABLE heritage DROP COLUMN kept;
ALTER TABLE heritage RENAME TO legacy;
