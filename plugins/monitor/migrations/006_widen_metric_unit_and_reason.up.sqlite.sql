-- monitor v6 (SQLite): Prometheus units such as 'bytes_per_second_per_core'
-- do not fit in 32 characters, and evaluator reasons can be long: widen both
-- columns.
--
-- metrics.unit: VARCHAR(32) -> VARCHAR(64) changes nothing in SQLite (both
-- are TEXT, lengths are not enforced), so metrics is left alone.
-- alarm_history.reason: VARCHAR(1024) NOT NULL DEFAULT '' -> TEXT NOT NULL
-- also drops the column default, which SQLite can only do by rebuilding the
-- table: rows are copied aside, the table is dropped and re-created under its
-- own name (no RENAME, so the stored definition keeps its plain form) and the
-- rows copied back. Nothing references alarm_history, so the drop fires no
-- foreign key action. Its index and v4's trigger are re-created after the
-- copy (so the copy does not count state changes twice); the AUTOINCREMENT
-- counter is carried over.

CREATE TEMP TABLE _rebuild_alarm_history AS SELECT * FROM alarm_history;
CREATE TEMP TABLE _rebuild_alarm_history_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'alarm_history';

DROP TABLE alarm_history;

CREATE TABLE alarm_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id       INTEGER NOT NULL,
    previous_state TEXT    NOT NULL CHECK (previous_state IN ('insufficient_data','ok','alarm')),
    new_state      TEXT    NOT NULL CHECK (new_state IN ('insufficient_data','ok','alarm')),
    reason         TEXT    NOT NULL,
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
