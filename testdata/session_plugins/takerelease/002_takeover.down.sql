DELETE FROM takerelease_log;
