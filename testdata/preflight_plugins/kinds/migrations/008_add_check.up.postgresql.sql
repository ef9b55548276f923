CREATE TABLE pf_marker_8 (id INT);
ALTER TABLE pf_check ADD CONSTRAINT ck_pf_qty CHECK (qty >= 0);
