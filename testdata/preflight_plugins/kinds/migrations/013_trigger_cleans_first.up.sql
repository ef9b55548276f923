CREATE TABLE pf_marker_13 (id INT);
INSERT INTO pf_trigger_log (what) VALUES ('dedupe');
ALTER TABLE pf_via_trigger ADD UNIQUE (v);
