DROP TABLE batch_items;
