CREATE TABLE loss_names (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL);
INSERT INTO loss_names (id, name) SELECT id, name FROM loss_items;
DROP TABLE loss_items;
