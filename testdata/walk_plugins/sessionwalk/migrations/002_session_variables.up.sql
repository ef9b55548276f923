-- The child before its parent: only with foreign_key_checks off in the
-- step's session.
SET foreign_key_checks = 0;
INSERT INTO wk_child (id, parent_id) VALUES (1, 100);
INSERT INTO wk_parent (id) VALUES (100);
SET foreign_key_checks = 1;
-- A user variable read two statements later.
SET @n := 41;
INSERT INTO wk_out (id, v) VALUES (1, @n + 1);
-- A count taken before the insert that changes it.
SET @m := (SELECT COUNT(*) FROM wk_src);
INSERT INTO wk_src (id, v) VALUES (4, 40);
INSERT INTO wk_out (id, v) VALUES (2, @m);
