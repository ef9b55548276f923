CREATE TABLE lw_seen (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, what VARCHAR(32) NOT NULL, v BIGINT NOT NULL) ENGINE=InnoDB;
INSERT INTO lw_seen (what, v) SELECT 'after ddl', @@SESSION.lock_wait_timeout;
CREATE TABLE lw_other (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
ALTER TABLE lw_other ADD COLUMN c INT NULL;
INSERT INTO lw_seen (what, v) SELECT 'after two ddl', @@SESSION.lock_wait_timeout;
SET SESSION lock_wait_timeout = 7;
INSERT INTO lw_seen (what, v) SELECT 'its own', @@SESSION.lock_wait_timeout;
ALTER TABLE lw_other ADD COLUMN d INT NULL;
INSERT INTO lw_seen (what, v) SELECT 'its own, then ddl', @@SESSION.lock_wait_timeout;
