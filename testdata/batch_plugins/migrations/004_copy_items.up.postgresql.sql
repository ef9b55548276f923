CREATE TABLE batch_copy (
  id INTEGER NOT NULL PRIMARY KEY,
  v INTEGER NOT NULL
);

INSERT INTO batch_copy (id, v) SELECT id, v * 2 FROM batch_items WHERE v > 10;
