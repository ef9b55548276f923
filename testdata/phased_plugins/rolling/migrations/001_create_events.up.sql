CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, kind VARCHAR(32), note VARCHAR(100));
INSERT INTO events (id, kind, note) VALUES (1, 'boot', NULL);
