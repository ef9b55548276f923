-- The rows come back from loss_names, which never held their note: the
-- archive of loss_items does not refill rows the down wrote itself.
-- aos:loses loss_items.note
CREATE TABLE loss_items (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL, note VARCHAR(32) NULL);
INSERT INTO loss_items (id, name) SELECT id, name FROM loss_names;
DROP TABLE loss_names;
