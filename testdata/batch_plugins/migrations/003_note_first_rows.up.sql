UPDATE batch_items SET note = 'first' ORDER BY id LIMIT 100000;
