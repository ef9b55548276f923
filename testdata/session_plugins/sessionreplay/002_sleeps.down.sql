DELETE FROM sr_log;
