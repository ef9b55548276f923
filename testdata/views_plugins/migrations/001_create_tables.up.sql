CREATE TABLE items (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(32) NOT NULL,
  qty INT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
CREATE TABLE parts (
  id INT NOT NULL PRIMARY KEY,
  label VARCHAR(32) NOT NULL
) ENGINE=InnoDB
PARTITION BY RANGE (id) (
  PARTITION p0 VALUES LESS THAN (100),
  PARTITION p1 VALUES LESS THAN (200)
);
CREATE TABLE partner (
  id INT NOT NULL PRIMARY KEY,
  label VARCHAR(32) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE spare (
  id INT NOT NULL PRIMARY KEY,
  label VARCHAR(32) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE parent (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE child (
  id INT NOT NULL PRIMARY KEY,
  parent_id INT NULL,
  KEY ix_child_parent (parent_id)
) ENGINE=InnoDB;
CREATE TABLE legacy (id INT NOT NULL PRIMARY KEY, note VARCHAR(32)) ENGINE=InnoDB;
INSERT INTO items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3);
INSERT INTO parts VALUES (1, 'part one'), (150, 'part big');
INSERT INTO partner VALUES (5, 'partner five'), (7, 'partner seven');
INSERT INTO spare VALUES (250, 'spare one'), (260, 'spare two');
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1), (11, 2);
INSERT INTO legacy VALUES (1, 'old');
