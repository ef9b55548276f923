CREATE TABLE batch_tasks (
  project_id INTEGER NOT NULL,
  name VARCHAR(40) COLLATE "C" NOT NULL,
  v INTEGER NOT NULL,
  v0 INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);

INSERT INTO batch_tasks (project_id, name, v, v0)
  SELECT g % 7, 'task ' || g || CASE WHEN g % 3 = 0 THEN ' B''s' ELSE ' a ' END, g, g
  FROM generate_series(1, 3000) AS g;

CREATE TABLE batch_tokens (
  id UUID NOT NULL PRIMARY KEY,
  v INTEGER NOT NULL,
  v0 INTEGER NOT NULL
);

INSERT INTO batch_tokens (id, v, v0)
  SELECT md5(g::text)::uuid, g, g FROM generate_series(1, 3000) AS g;

CREATE TABLE batch_bytes (
  k BYTEA NOT NULL PRIMARY KEY,
  v INTEGER NOT NULL,
  v0 INTEGER NOT NULL
);

INSERT INTO batch_bytes (k, v, v0)
  SELECT decode(lpad(to_hex(g * 211), 6, '0'), 'hex'), g, g FROM generate_series(0, 1199) AS g;

INSERT INTO batch_bytes (k, v, v0) VALUES ('\x'::bytea, 5000, 5000), ('\x00'::bytea, 5001, 5001),
  ('\xff'::bytea, 5002, 5002);

CREATE TABLE batch_days (
  d DATE NOT NULL PRIMARY KEY,
  v INTEGER NOT NULL,
  v0 INTEGER NOT NULL
);

INSERT INTO batch_days (d, v, v0) SELECT DATE '2000-01-01' + g, g, g FROM generate_series(1, 3000) AS g;
