CREATE TABLE batch_items (
  id INT NOT NULL PRIMARY KEY,
  v INT NOT NULL,
  note VARCHAR(20) NULL
) ENGINE=InnoDB;

INSERT INTO batch_items (id, v) SELECT seq, seq FROM seq_1_to_3000;
