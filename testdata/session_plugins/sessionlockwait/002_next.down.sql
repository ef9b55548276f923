DELETE FROM lw_seen WHERE what = 'next step';
ALTER TABLE lw_other DROP COLUMN e;
