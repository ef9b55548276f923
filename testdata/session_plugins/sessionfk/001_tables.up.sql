CREATE TABLE fk_parent (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;

CREATE TABLE fk_child (
  id INT NOT NULL PRIMARY KEY,
  parent_id INT NOT NULL,
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES fk_parent (id)
) ENGINE=InnoDB;
