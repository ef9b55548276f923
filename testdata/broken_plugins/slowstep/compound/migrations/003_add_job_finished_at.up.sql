ALTER TABLE slowstep_jobs ADD COLUMN finished_at DATETIME NULL;
