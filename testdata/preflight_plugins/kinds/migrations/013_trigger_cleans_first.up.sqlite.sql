CREATE TABLE pf_marker_13 (id INT);
INSERT INTO pf_trigger_log (what) VALUES ('dedupe');
CREATE UNIQUE INDEX pf_via_trigger_v ON pf_via_trigger (v);
