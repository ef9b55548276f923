-- Cloud manager v26: a Nova server uuid is unique within a region; enforce it
-- so that concurrent sync agents cannot insert the same server twice.

ALTER TABLE instances
  ADD UNIQUE KEY uq_instances_region_external (region_id, external_id);
