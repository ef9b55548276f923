DROP TABLE IF EXISTS midway_never_created;
ALTER TABLE midway_items DROP COLUMN IF EXISTS note;
DROP TABLE IF EXISTS midway_item_details;
