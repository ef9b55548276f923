CREATE TABLE myi_note (note VARCHAR(32) NOT NULL) ENGINE=InnoDB;

INSERT INTO myi_out (v, n)
  SELECT s.v, IF(SLEEP(1) = 0, (SELECT p.n FROM myi_pick p WHERE p.v = s.v), 0)
  FROM myi_src s ORDER BY s.id;

INSERT INTO myi_note (note) VALUES ('after copy');
