CREATE TABLE slowstep_archive (
  id INT NOT NULL PRIMARY KEY
) ENGINE=InnoDB;

-- A long data migration in a compound block: a person's call when it is
-- cut short (its statements commit one by one).
BEGIN NOT ATOMIC
  DO SLEEP(30);
END;

INSERT INTO slowstep_archive (id) VALUES (1);
