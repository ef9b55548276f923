DROP TABLE ev_copy;
