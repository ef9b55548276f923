CREATE TABLE events_new (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(100), tag VARCHAR(16), owner INTEGER NOT NULL);
INSERT INTO events_new (id, note, tag, owner) SELECT id, note, tag, owner FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX idx_events_note ON events (note);
