DELETE FROM myi_out;
DROP TABLE myi_note;
