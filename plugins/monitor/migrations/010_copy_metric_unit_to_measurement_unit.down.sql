-- monitor v10 down: the schema is unchanged by v10; the way back to "expanded,
-- not migrated" only has to leave the previous release's column complete:
-- copy measurement_unit into unit wherever unit is missing (the v9 triggers
-- make this a no-op unless a row was written around them). The same on every
-- engine.

UPDATE metrics
   SET unit = measurement_unit
 WHERE unit IS NULL
   AND measurement_unit IS NOT NULL;
