-- Cloud manager v26 (PostgreSQL): a Nova server uuid is unique within a
-- region; enforce it so that concurrent sync agents cannot insert the same
-- server twice.

ALTER TABLE instances
  ADD CONSTRAINT uq_instances_region_external UNIQUE (region_id, external_id);
