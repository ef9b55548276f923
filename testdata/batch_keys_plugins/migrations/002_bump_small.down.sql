UPDATE batch_bytes SET v = v - 1;
UPDATE batch_nopad SET v = v - 1;
UPDATE batch_names SET v = v - 1;
