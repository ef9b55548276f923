DROP TABLE fk_child;
DROP TABLE fk_parent;
