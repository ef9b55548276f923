DELETE FROM takeproc_log;
