-- clouds v1 down (PostgreSQL): drop everything created by the initial
-- schema, children first so foreign keys never block the drop. DROP TABLE
-- removes the trigger on clouds but not its function, dropped last.

DROP TABLE cloud_credentials;
DROP TABLE endpoints;
DROP TABLE regions;
DROP TABLE clouds;
DROP FUNCTION trg_clouds_updated_at_on_update();
