CREATE TABLE slowstep_archive (
  id INT NOT NULL PRIMARY KEY
) ENGINE=InnoDB;

-- A long data migration, as far as the test is concerned.
SELECT SLEEP(30);

INSERT INTO slowstep_archive (id) VALUES (1);
