DROP TABLE takeflush_log;
