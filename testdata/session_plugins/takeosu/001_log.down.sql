DROP TABLE takeosu_log;
