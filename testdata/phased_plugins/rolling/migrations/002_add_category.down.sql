ALTER TABLE events DROP COLUMN category;
