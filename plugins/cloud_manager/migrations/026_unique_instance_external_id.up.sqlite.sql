-- Cloud manager v26 (SQLite): a Nova server uuid is unique within a region;
-- enforce it so that concurrent sync agents cannot insert the same server
-- twice.

CREATE UNIQUE INDEX uq_instances_region_external ON instances (region_id, external_id);
