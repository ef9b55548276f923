ALTER TABLE events ADD COLUMN obsolete INT NULL AFTER created;
