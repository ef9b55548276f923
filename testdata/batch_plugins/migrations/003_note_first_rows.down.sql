UPDATE batch_items SET note = NULL;
