CREATE TABLE swap_a (
  id INT NOT NULL PRIMARY KEY,
  note VARCHAR(32) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE swap_b (
  id INT NOT NULL PRIMARY KEY,
  note VARCHAR(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO swap_a (id, note) VALUES (1, 'first a');
INSERT INTO swap_b (id, note) VALUES (1, 'first b'), (2, 'second b');
