DROP TABLE loss_items;
