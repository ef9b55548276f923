DROP INDEX ix_child_parent;
