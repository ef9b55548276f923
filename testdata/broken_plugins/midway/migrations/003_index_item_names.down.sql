DROP INDEX idx_midway_items_name ON midway_items;
