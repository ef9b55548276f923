DROP TABLE wk_h3;
UPDATE wk_cols SET begin = begin - 1, n = n - 1, end = end - 1;
