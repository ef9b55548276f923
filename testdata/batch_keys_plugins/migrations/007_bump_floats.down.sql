UPDATE batch_floats SET v = v - 1;
