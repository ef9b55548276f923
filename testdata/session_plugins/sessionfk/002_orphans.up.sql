-- Statement 3 fails until the operator creates fk_fixme; statement 4
-- needs the foreign_key_checks = 0 of statement 1.
SET foreign_key_checks = 0;

INSERT INTO fk_child (id, parent_id) VALUES (1, 99);

INSERT INTO fk_fixme (id) VALUES (1);

INSERT INTO fk_child (id, parent_id) VALUES (2, 98);

SET foreign_key_checks = 1;
