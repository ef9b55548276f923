-- A stale declaration: this down loses nothing the walk can see (the
-- table it drops was created empty by the up).
-- aos:loses loss_items.name
DROP TABLE loss_items;
