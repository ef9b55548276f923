CREATE TABLE pf_marker_5 (id INT);
ALTER TABLE pf_child ADD CONSTRAINT fk_pf_parent FOREIGN KEY (parent_id) REFERENCES pf_parent (id);
