-- monitor v10 (migrate, rolling upgrade): copy metrics.unit into
-- measurement_unit for the rows written before v9 (the v9 triggers keep every
-- later write in both). Data only, no schema change; the same on every engine.
-- metrics holds one row per metric definition (not per sample), so one
-- statement is small enough for a Galera write set.

UPDATE metrics
   SET measurement_unit = unit
 WHERE measurement_unit IS NULL
   AND unit IS NOT NULL;
