-- A step that cleans its rows before the statement that needs them: the
-- pre-flight asks the unique index's check right before it (an earlier
-- statement of the step writes the table), and the walk compares that
-- check with what the step did.
DELETE FROM loss_names WHERE name LIKE '%9';
CREATE UNIQUE INDEX uq_loss_names_name ON loss_names (name);
