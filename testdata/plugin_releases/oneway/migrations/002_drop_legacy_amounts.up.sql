-- Irreversible on purpose: no 002_drop_legacy_amounts.down.sql. The kit
-- must accept it and check that --migration below 2 is refused clearly.
ALTER TABLE ledger ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'EUR';
