DELETE FROM wk_out WHERE id IN (1, 2);
DELETE FROM wk_src WHERE id = 4;
DELETE FROM wk_child WHERE id = 1;
DELETE FROM wk_parent WHERE id = 100;
