-- Tacitus store, schema version 4 (PostgreSQL), as schema_004.sql: incidents merged
-- afresh on upgrade; reviewers' joins found by the joined event.
CREATE INDEX corrections_value ON corrections (value) WHERE action = 'join';
