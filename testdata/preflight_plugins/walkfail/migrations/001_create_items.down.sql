DROP TABLE walk_items;
