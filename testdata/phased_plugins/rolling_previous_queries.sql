-- The release before rolling/'s expand step: it knows events(id, kind, note).
SELECT id, kind, note FROM events WHERE kind = 'boot';
INSERT INTO events (id, kind, note) VALUES (100, 'login', 'from the old release');
UPDATE events SET note = 'seen' WHERE kind = 'login';
DELETE FROM events WHERE id = 100;
