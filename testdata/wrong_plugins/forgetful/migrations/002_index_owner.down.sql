-- Deliberately wrong: drops the column but forgets the index on owner.
ALTER TABLE notes DROP COLUMN created_at;
