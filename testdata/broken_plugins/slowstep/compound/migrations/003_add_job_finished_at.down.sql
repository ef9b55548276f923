ALTER TABLE slowstep_jobs DROP COLUMN finished_at;
