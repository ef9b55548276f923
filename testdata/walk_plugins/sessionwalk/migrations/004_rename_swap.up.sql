-- wk_a and wk_b are defined alike and hold different rows: the swap
-- leaves the schema as it was and the rows swapped.
RENAME TABLE wk_a TO wk_tmp, wk_b TO wk_a, wk_tmp TO wk_b;
INSERT INTO wk_out (id, v) VALUES (3, (SELECT COUNT(*) FROM wk_a));
