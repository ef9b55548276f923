UPDATE batch_bytes SET v = v + 1;
