CREATE TABLE items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(32) NOT NULL,
  qty INT NOT NULL DEFAULT 0
);
CREATE TABLE partner (id INT NOT NULL PRIMARY KEY, label VARCHAR(32) NOT NULL);
CREATE TABLE spare (id INT NOT NULL PRIMARY KEY, label VARCHAR(32) NOT NULL);
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NULL);
CREATE TABLE legacy (id INT PRIMARY KEY, note VARCHAR(32));
INSERT INTO items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3);
INSERT INTO partner VALUES (5, 'partner five'), (7, 'partner seven');
INSERT INTO spare VALUES (250, 'spare one'), (260, 'spare two');
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1), (11, 2);
INSERT INTO legacy VALUES (1, 'old');
