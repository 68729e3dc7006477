-- Tacitus store, schema version 4 (SQLite): incidents are cliques of linked reports
-- bounded to two days (tacitus.merge), so a database of an earlier version has every
-- incident merged afresh when a writer upgrades it. The index finds a reviewer's joins
-- by the joined event, so a re-merge never scans the audit trail.
CREATE INDEX corrections_value ON corrections (value) WHERE action = 'join';
