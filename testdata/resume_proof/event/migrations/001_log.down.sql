DROP TABLE ev_log;
