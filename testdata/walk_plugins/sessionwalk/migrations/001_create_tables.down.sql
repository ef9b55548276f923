DROP TABLE wk_cols;
DROP TABLE wk_b;
DROP TABLE wk_a;
DROP TABLE wk_out;
DROP TABLE wk_src;
DROP TABLE wk_child;
DROP TABLE wk_parent;
