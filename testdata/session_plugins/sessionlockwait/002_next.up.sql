ALTER TABLE lw_other ADD COLUMN e INT NULL;
INSERT INTO lw_seen (what, v) SELECT 'next step', @@SESSION.lock_wait_timeout;
