UPDATE batch_days SET v = v - 1;
