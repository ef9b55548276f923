ALTER TABLE aos_gate_qualified.events MODIFY kind VARCHAR(10) NOT NULL;
