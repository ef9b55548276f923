DROP TABLE takerelease_log;
