ALTER TABLE notes ADD COLUMN created_at DATETIME NULL;
CREATE INDEX idx_notes_owner ON notes (owner, created_at);
