DELETE FROM wk_out WHERE id = 3;
RENAME TABLE wk_a TO wk_tmp, wk_b TO wk_a, wk_tmp TO wk_b;
