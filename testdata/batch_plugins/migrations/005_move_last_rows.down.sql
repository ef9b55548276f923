UPDATE batch_items SET id = id - 10000 WHERE id > 10000;
