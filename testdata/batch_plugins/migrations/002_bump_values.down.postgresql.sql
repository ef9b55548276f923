DROP TABLE batch_log;
UPDATE batch_items SET v = v - 1;
