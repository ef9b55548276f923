CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, kind VARCHAR(32), note VARCHAR(100), tag VARCHAR(64), owner INTEGER);
CREATE INDEX idx_events_note ON events (note);
INSERT INTO events (id, kind, note, tag, owner) VALUES (1, 'boot', 'n', 't', 7);
