DROP TABLE sr_log;
