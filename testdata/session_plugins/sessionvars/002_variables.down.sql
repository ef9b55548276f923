DROP TABLE sv_types;
DELETE FROM sv_out;
