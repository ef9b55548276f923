-- Statement 1 is fine; statement 2 alters a table that does not exist. On a
-- transactional engine the whole step, statement 1 included, rolls back.
CREATE TABLE midway_item_details (
  item_id INT NOT NULL PRIMARY KEY,
  detail TEXT NULL
);

ALTER TABLE midway_no_such_table ADD COLUMN note VARCHAR(64) NULL;

CREATE TABLE midway_never_created (id INT NOT NULL PRIMARY KEY);
