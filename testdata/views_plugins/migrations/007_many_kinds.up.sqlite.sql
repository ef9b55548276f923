CREATE INDEX ix_qty ON items (qty);
DROP INDEX ix_qty;
ALTER TABLE child ADD COLUMN tag INT NULL;
ALTER TABLE items RENAME COLUMN qty TO quantity;
