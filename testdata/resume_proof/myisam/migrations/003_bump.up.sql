UPDATE myi_out SET n = n + (SELECT p.n FROM myi_pick p WHERE p.v = myi_out.v);

INSERT INTO myi_note (note) VALUES ('after bump');
