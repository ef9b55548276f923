ALTER TABLE aos_gate_other.events MODIFY kind VARCHAR(20) NOT NULL;
