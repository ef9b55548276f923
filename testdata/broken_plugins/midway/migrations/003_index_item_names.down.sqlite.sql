DROP INDEX idx_midway_items_name;
