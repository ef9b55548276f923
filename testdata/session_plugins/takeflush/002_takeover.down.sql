DELETE FROM takeflush_log;
