DELETE FROM sc_out;
DELETE FROM sc_src WHERE note = 'new';
