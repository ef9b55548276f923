DELETE FROM takeprepare_log;
