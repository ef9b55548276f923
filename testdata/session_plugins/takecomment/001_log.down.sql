DROP TABLE takecomment_log;
