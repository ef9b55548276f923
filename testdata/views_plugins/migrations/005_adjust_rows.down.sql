UPDATE spare SET label = 'spare one';
DELETE FROM legacy WHERE id = 2;
INSERT INTO legacy (id, note) VALUES (1, 'old');
UPDATE items SET qty = qty - 10;
