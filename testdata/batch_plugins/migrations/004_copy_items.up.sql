CREATE TABLE batch_copy (
  id INT NOT NULL PRIMARY KEY,
  v INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_copy (id, v) SELECT id, v * 2 FROM batch_items WHERE v > 10;
