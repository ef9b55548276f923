-- Statement 1 is fine; statement 2 names a column that does not exist.
CREATE TABLE midway_item_details (
  item_id INT NOT NULL PRIMARY KEY,
  detail TEXT NULL
) ENGINE=InnoDB;

ALTER TABLE midway_items ADD COLUMN note VARCHAR(64) NULL AFTER no_such_column;

CREATE TABLE midway_never_created (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
