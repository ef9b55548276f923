CREATE TABLE batch_names (
  k VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL PRIMARY KEY,
  v INT NOT NULL,
  v0 INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_names (k, v, v0) VALUES
  ('a', 1, 1), ('B', 2, 2), ('c ', 3, 3), ('C1', 4, 4), ('d  ', 5, 5),
  (CONVERT(UNHEX('C3A9') USING utf8mb4), 6, 6),
  (CONVERT(UNHEX('C39F') USING utf8mb4), 7, 7),
  (CONVERT(UNHEX('D096') USING utf8mb4), 8, 8),
  (CONVERT(UNHEX('E697A5E69CAC') USING utf8mb4), 9, 9),
  (CONVERT(UNHEX('F09F9880') USING utf8mb4), 10, 10),
  ('z', 11, 11), ('it''s', 12, 12);

CREATE TABLE batch_nopad (
  k VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL PRIMARY KEY,
  v INT NOT NULL,
  v0 INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_nopad (k, v, v0) VALUES
  ('b', 1, 1), ('b ', 2, 2), ('b  ', 3, 3), ('B', 4, 4), ('a', 5, 5),
  ('e', 6, 6), (CONVERT(UNHEX('C3A9') USING utf8mb4), 7, 7),
  (CONVERT(UNHEX('F09F9880') USING utf8mb4), 8, 8),
  (CONVERT(UNHEX('F09F9881') USING utf8mb4), 9, 9);

CREATE TABLE batch_bytes (
  k VARBINARY(8) NOT NULL PRIMARY KEY,
  v INT NOT NULL,
  v0 INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_bytes (k, v, v0) VALUES
  (UNHEX('00'), 1, 1), (UNHEX('0000'), 2, 2), (UNHEX('FF'), 3, 3),
  (UNHEX('61'), 4, 4), (UNHEX('6100'), 5, 5), (UNHEX('41'), 6, 6),
  (UNHEX('2C3A'), 7, 7), (UNHEX('6120'), 8, 8);

CREATE TABLE batch_tasks (
  project_id INT NOT NULL,
  name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  v INT NOT NULL,
  v0 INT NOT NULL,
  PRIMARY KEY (project_id, name)
) ENGINE=InnoDB;

-- Names mixed in case, some with trailing spaces, some multibyte: the
-- collation's order is not the bytes' order.
INSERT INTO batch_tasks (project_id, name, v, v0)
  SELECT seq % 7,
         CONCAT(ELT(seq % 5 + 1, 'a', 'B', CONVERT(UNHEX('C3A9') USING utf8mb4),
                    CONVERT(UNHEX('D096') USING utf8mb4), 'c'),
                seq, REPEAT(' ', seq % 3)),
         seq, seq
  FROM seq_1_to_3000;

INSERT INTO batch_tasks (project_id, name, v, v0) VALUES
  (0, 'a', 0, 0), (0, 'B', 0, 0), (1, 'b ', 0, 0), (1, 'A', 0, 0),
  (0, CONVERT(UNHEX('C39F') USING utf8mb4), 0, 0),
  (0, CONVERT(UNHEX('E697A5E69CAC') USING utf8mb4), 0, 0),
  (0, CONVERT(UNHEX('F09F9880') USING utf8mb4), 0, 0);

CREATE TABLE batch_tokens (
  id VARCHAR(36) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL PRIMARY KEY,
  v INT NOT NULL,
  v0 INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_tokens (id, v, v0)
  SELECT IF(seq % 2 = 0,
            UPPER(CONCAT_WS('-', SUBSTR(MD5(seq), 1, 8), SUBSTR(MD5(seq), 9, 4),
                            SUBSTR(MD5(seq), 13, 4), SUBSTR(MD5(seq), 17, 4),
                            SUBSTR(MD5(seq), 21, 12))),
            CONCAT_WS('-', SUBSTR(MD5(seq), 1, 8), SUBSTR(MD5(seq), 9, 4),
                      SUBSTR(MD5(seq), 13, 4), SUBSTR(MD5(seq), 17, 4),
                      SUBSTR(MD5(seq), 21, 12))),
         seq, seq
  FROM seq_1_to_3000;

CREATE TABLE batch_heap (
  v INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_heap (v) SELECT seq FROM seq_1_to_3000;

CREATE TABLE batch_floats (
  f DOUBLE NOT NULL PRIMARY KEY,
  v INT NOT NULL
) ENGINE=InnoDB;

INSERT INTO batch_floats (f, v) SELECT seq * 0.1, seq FROM seq_1_to_3000;
