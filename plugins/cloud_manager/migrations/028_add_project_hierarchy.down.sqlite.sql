-- Cloud manager v28 rollback (SQLite): drop the project hierarchy columns
-- (the index first, SQLite cannot drop an indexed column; dropping parent_id
-- drops its column-level foreign key fk_projects_parent).

DROP INDEX idx_projects_parent;

ALTER TABLE projects DROP COLUMN is_domain;
ALTER TABLE projects DROP COLUMN parent_id;
