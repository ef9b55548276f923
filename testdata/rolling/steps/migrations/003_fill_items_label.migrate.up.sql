UPDATE items SET label = name WHERE label IS NULL;
