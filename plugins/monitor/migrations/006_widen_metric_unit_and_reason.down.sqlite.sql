-- monitor v6 down (SQLite): restore the previous column definitions.
-- alarm_history.reason gets its DEFAULT '' back through a table rebuild
-- (same procedure as the up step; values longer than 1024 characters need no
-- shortening here since SQLite enforces no length). metrics.unit needs no
-- change in SQLite (TEXT either way).

CREATE TEMP TABLE _rebuild_alarm_history AS SELECT * FROM alarm_history;
CREATE TEMP TABLE _rebuild_alarm_history_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'alarm_history';

DROP TABLE alarm_history;

CREATE TABLE alarm_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id       INTEGER NOT NULL,
    previous_state TEXT    NOT NULL CHECK (previous_state IN ('insufficient_data','ok','alarm')),
    new_state      TEXT    NOT NULL CHECK (new_state IN ('insufficient_data','ok','alarm')),
    reason         TEXT    NOT NULL DEFAULT '',
    changed_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT fk_alarm_history_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE
);

INSERT INTO alarm_history (id, alarm_id, previous_state, new_state, reason, changed_at)
SELECT id, alarm_id, previous_state, new_state, reason, changed_at
  FROM temp._rebuild_alarm_history;

DELETE FROM sqlite_sequence
 WHERE name = 'alarm_history' AND EXISTS (SELECT 1 FROM temp._rebuild_alarm_history_seq);
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM temp._rebuild_alarm_history_seq;

DROP TABLE temp._rebuild_alarm_history;
DROP TABLE temp._rebuild_alarm_history_seq;

CREATE INDEX idx_alarm_history_alarm_changed ON alarm_history (alarm_id, changed_at);

CREATE TRIGGER trg_alarm_history_after_insert AFTER INSERT ON alarm_history
FOR EACH ROW
BEGIN
    /* keep the denormalised counter and the last change time in sync */
    UPDATE alarms
       SET state_change_count = state_change_count + 1,
           state_changed_at = NEW.changed_at
     WHERE id = NEW.alarm_id;
END;
