UPDATE batch_tokens SET v = v - 1;
