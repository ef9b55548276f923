DROP TABLE sleep_control;
DROP TABLE t;
