DROP PROCEDURE takeproc_off;
DROP TABLE takeproc_log;
