DROP TABLE midway_items;
