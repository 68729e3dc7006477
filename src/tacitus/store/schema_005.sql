-- Tacitus store, schema version 5 (SQLite): each event keeps the decisions made when it
-- was coded, so the server only reads them: the rules that made, dated, placed, typed
-- and merged it (`trace`), why it was withheld ('' when kept), and why its place was
-- chosen. Rows stored before version 5 have empty values: their decisions were not kept.
-- Incidents carry every column of events (the merged record), so they gain them too.
ALTER TABLE events ADD COLUMN trace TEXT NOT NULL DEFAULT '[]';          -- JSON list of rule names
ALTER TABLE events ADD COLUMN withheld TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN trace TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN withheld TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN place_reason TEXT NOT NULL DEFAULT '';
