CREATE TABLE cf_rows (v INT NOT NULL) ENGINE=InnoDB;

-- Its first INSERT commits (autocommit); its second fails until the
-- operator creates cf_fixme.
CREATE PROCEDURE cf_fill()
BEGIN
  INSERT INTO cf_rows (v) VALUES (1);
  INSERT INTO cf_fixme (id) VALUES (1);
END;
