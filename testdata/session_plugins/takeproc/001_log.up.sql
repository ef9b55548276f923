CREATE TABLE takeproc_log (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  note VARCHAR(32) NOT NULL
) ENGINE=InnoDB;

-- Turns autocommit off in the caller's session, through a statement no
-- reader of the script sees.
CREATE PROCEDURE takeproc_off()
BEGIN
  SET @q = CONCAT('SET auto', 'commit = 0');
  PREPARE s FROM @q;
  EXECUTE s;
  DEALLOCATE PREPARE s;
END;
