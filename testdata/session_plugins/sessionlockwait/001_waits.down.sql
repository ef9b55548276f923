DROP TABLE lw_other;
DROP TABLE lw_seen;
