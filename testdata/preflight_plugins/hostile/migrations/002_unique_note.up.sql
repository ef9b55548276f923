CREATE TABLE pf_marker (id INT);
ALTER TABLE pf_hostile ADD UNIQUE KEY uq_note (note);
