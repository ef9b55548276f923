DROP TABLE takeprepare_log;
