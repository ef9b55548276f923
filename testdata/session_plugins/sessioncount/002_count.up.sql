-- @m counts sc_src before statement 2 adds a row; statement 3 fails until
-- the operator creates sc_fixme. A clean run writes 3.
SET @m := (SELECT COUNT(*) FROM sc_src);

INSERT INTO sc_src (note) VALUES ('new');

INSERT INTO sc_fixme (id) VALUES (1);

INSERT INTO sc_out (m) VALUES (@m);
