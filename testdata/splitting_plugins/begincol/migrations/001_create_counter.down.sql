DROP TABLE begincol_log;
DROP TABLE begincol_t;
