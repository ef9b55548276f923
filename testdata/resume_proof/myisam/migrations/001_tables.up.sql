CREATE TABLE myi_src (
  id INT NOT NULL PRIMARY KEY,
  v INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO myi_src (id, v) VALUES (1, 1), (2, 2), (3, 3);

CREATE TABLE myi_pick (
  v INT NOT NULL,
  n INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO myi_pick (v, n) VALUES (1, 10), (2, 20), (3, 30), (3, 31);

CREATE TABLE myi_out (
  v INT NOT NULL,
  n INT NOT NULL
) ENGINE=MyISAM;
