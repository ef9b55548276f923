ALTER TABLE child DROP CONSTRAINT fk_child_parent;
