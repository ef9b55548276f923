UPDATE batch_tasks SET v = v - 1;
