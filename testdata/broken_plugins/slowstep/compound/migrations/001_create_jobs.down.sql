DROP TABLE slowstep_jobs;
