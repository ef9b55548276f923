CREATE TABLE begincol_t (
  id INT NOT NULL PRIMARY KEY,
  begin INT NOT NULL,
  end INT NOT NULL,
  n INT NOT NULL
) ENGINE=InnoDB;
INSERT INTO begincol_t (id, begin, end, n) VALUES (1, 0, 0, 0);
CREATE TABLE begincol_log (note VARCHAR(32) NOT NULL) ENGINE=InnoDB;
