DELETE FROM ns_log;
