-- A run killed in the CALL: what the procedure did is not known.
INSERT INTO sk_log (note) VALUES ('before');

CALL sk_slow();

INSERT INTO sk_log (note) VALUES ('after');
