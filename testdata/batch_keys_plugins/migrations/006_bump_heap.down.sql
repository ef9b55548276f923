UPDATE batch_heap SET v = v - 1;
