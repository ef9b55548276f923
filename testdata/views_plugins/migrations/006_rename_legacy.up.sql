RENAME TABLE legacy TO heritage;
ALTER TABLE heritage ADD COLUMN kept INT NULL;
