DROP TABLE IF EXISTS midway_never_created;
DROP TABLE IF EXISTS midway_item_details;
