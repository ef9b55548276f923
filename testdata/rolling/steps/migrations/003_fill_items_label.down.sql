UPDATE items SET label = NULL;
