-- Tacitus store, schema version 5 (PostgreSQL), as schema_005.sql: each event and
-- incident keeps its decision trace, withheld reason and place reason; rows stored
-- before version 5 have empty values.
ALTER TABLE events ADD COLUMN trace TEXT COLLATE "C" NOT NULL DEFAULT '[]';          -- JSON list of rule names
ALTER TABLE events ADD COLUMN withheld TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_reason TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN trace TEXT COLLATE "C" NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN withheld TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN place_reason TEXT COLLATE "C" NOT NULL DEFAULT '';
