CREATE TABLE killable_log (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  note VARCHAR(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO killable_log (note) SELECT IF(SLEEP(3) = 0, 'slow', 'cut');

CREATE TABLE killable_copy ENGINE=InnoDB AS
  SELECT id, IF(SLEEP(0.001) = 0, id, 0) AS v FROM killable_src;

ALTER TABLE killable_src ADD COLUMN extra INT NULL;

INSERT INTO killable_log (note) VALUES ('after');
