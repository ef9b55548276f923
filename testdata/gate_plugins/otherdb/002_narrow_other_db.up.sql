ALTER TABLE aos_gate_other.events MODIFY kind VARCHAR(10) NOT NULL;
