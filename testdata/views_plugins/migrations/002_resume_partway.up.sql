-- Statements 1 and 2 succeed; statement 3 fails until views_fixme exists.
INSERT INTO items (name, qty) VALUES ('quince', 4);
ALTER TABLE items ADD COLUMN note VARCHAR(32) NULL;
ALTER TABLE views_fixme ADD COLUMN extra INT NULL;
CREATE INDEX ix_items_name ON items (name);
