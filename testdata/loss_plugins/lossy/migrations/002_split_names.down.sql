CREATE TABLE loss_items (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL, note VARCHAR(32) NULL);
INSERT INTO loss_items (id, name) SELECT id, name FROM loss_names;
DROP TABLE loss_names;
