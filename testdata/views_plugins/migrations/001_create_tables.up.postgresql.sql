CREATE TABLE items (
  id SERIAL PRIMARY KEY,
  name VARCHAR(32) NOT NULL,
  qty INT NOT NULL DEFAULT 0
);
CREATE TABLE parts (
  id INT NOT NULL,
  label VARCHAR(32) NOT NULL
) PARTITION BY RANGE (id);
CREATE TABLE parts_p0 PARTITION OF parts FOR VALUES FROM (0) TO (100);
CREATE TABLE partner (
  id INT NOT NULL,
  label VARCHAR(32) NOT NULL
);
CREATE TABLE spare (
  id INT NOT NULL,
  label VARCHAR(32) NOT NULL
);
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NULL);
CREATE TABLE legacy (id INT PRIMARY KEY, note VARCHAR(32));
INSERT INTO items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3);
INSERT INTO parts VALUES (1, 'part one'), (50, 'part fifty');
INSERT INTO partner VALUES (150, 'partner one'), (160, 'partner two');
INSERT INTO spare VALUES (250, 'spare one'), (260, 'spare two');
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1), (11, 2);
INSERT INTO legacy VALUES (1, 'old');
