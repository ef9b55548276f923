CREATE TABLE killable_src (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;

INSERT INTO killable_src (id) SELECT seq FROM seq_1_to_3000;
