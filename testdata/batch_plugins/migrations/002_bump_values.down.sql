UPDATE batch_items SET v = v - 1;
