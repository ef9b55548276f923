UPDATE items SET qty = qty + 10;
DELETE FROM legacy WHERE id = 1;
INSERT INTO legacy (id, note) VALUES (2, 'new');
UPDATE spare SET label = 'spare changed';
