-- Statements 1 and 2 succeed; statement 3 fails until resumable_fixme exists.
CREATE TABLE IF NOT EXISTS resumable_log (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  note VARCHAR(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO resumable_log (note) VALUES ('once');

CREATE TABLE resumable_fixme (id INT NOT NULL PRIMARY KEY, extra INT NULL) ENGINE=InnoDB;
