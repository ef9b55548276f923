DROP TABLE slowstep_archive;
