CREATE TABLE batch_items (
  id INTEGER NOT NULL PRIMARY KEY,
  v INTEGER NOT NULL,
  note VARCHAR(20) NULL
);

INSERT INTO batch_items (id, v) SELECT g, g FROM generate_series(1, 3000) AS g;
