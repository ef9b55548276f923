DELETE FROM fk_child;
