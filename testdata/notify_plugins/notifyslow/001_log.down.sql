DROP TABLE ns_log;
