CREATE INDEX ix_child_parent ON child (parent_id);
