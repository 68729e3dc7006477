-- Tacitus store, schema version 2 (SQLite): incidents (events of many articles merged
-- into one record per real event, tacitus.merge) and reviewers' corrections.

-- One row per incident, with every column of the events table (the merged record), so
-- incidents filter and export exactly as events do, plus what the incident is made of.
CREATE TABLE incidents (
    event_id_cnty           TEXT PRIMARY KEY,   -- the incident id
    event_date              TEXT,        -- ISO date
    year                    INTEGER,
    time_precision          INTEGER,
    disorder_type           TEXT NOT NULL DEFAULT '',
    event_type              TEXT NOT NULL DEFAULT '',
    sub_event_type          TEXT NOT NULL DEFAULT '',
    actor1                  TEXT NOT NULL DEFAULT '',
    assoc_actor_1           TEXT NOT NULL DEFAULT '',
    inter1                  INTEGER,
    actor2                  TEXT NOT NULL DEFAULT '',
    assoc_actor_2           TEXT NOT NULL DEFAULT '',
    inter2                  INTEGER,
    interaction             INTEGER,
    civilian_targeting      TEXT NOT NULL DEFAULT '',
    iso                     INTEGER,
    region                  TEXT NOT NULL DEFAULT '',
    country                 TEXT NOT NULL DEFAULT '',
    admin1                  TEXT NOT NULL DEFAULT '',
    admin2                  TEXT NOT NULL DEFAULT '',
    admin3                  TEXT NOT NULL DEFAULT '',
    location                TEXT NOT NULL DEFAULT '',
    latitude                REAL,
    longitude               REAL,
    geo_precision           INTEGER,
    source                  TEXT NOT NULL DEFAULT '',
    source_scale            TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    fatalities              INTEGER,     -- NULL: a toll was reported but holds no death count
    tags                    TEXT NOT NULL DEFAULT '',
    timestamp               INTEGER,
    article_id              TEXT NOT NULL,
    url                     TEXT NOT NULL DEFAULT '',
    fatalities_low          INTEGER NOT NULL DEFAULT 0,
    fatalities_best         INTEGER,
    fatalities_high         INTEGER,
    civilian_fatalities_low INTEGER NOT NULL DEFAULT 0,
    injured_low             INTEGER NOT NULL DEFAULT 0,
    geonameid               INTEGER,
    confidence              REAL NOT NULL DEFAULT 0,
    sources_detail          TEXT NOT NULL DEFAULT '[]',  -- JSON list of {name, role, outlet, evidence}
    evidence                TEXT NOT NULL DEFAULT '{}',   -- JSON {field: [{start, end, text}]}
    n_events                INTEGER NOT NULL,
    event_ids               TEXT NOT NULL,   -- JSON list of event_id_cnty
    article_ids             TEXT NOT NULL,   -- JSON list of article ids
    explanation             TEXT NOT NULL    -- JSON list of lines: why they merged, the fatality figures
);

CREATE INDEX incidents_event_date ON incidents (event_date, event_id_cnty);
CREATE INDEX incidents_country ON incidents (country COLLATE NOCASE);

-- The merge looks for reports of the same event by country and date.
CREATE INDEX events_country_date ON events (country, event_date);

-- Map queries: events inside a bounding box.
CREATE INDEX events_lat_lon ON events (latitude, longitude);
CREATE INDEX incidents_lat_lon ON incidents (latitude, longitude);

-- Which incident each (not rejected) event belongs to.
CREATE TABLE incident_events (
    event_id    TEXT PRIMARY KEY REFERENCES events (event_id_cnty),
    incident_id TEXT NOT NULL
);

CREATE INDEX incident_events_incident ON incident_events (incident_id);

-- Every review action, in order: the audit trail. 'set' changed `field` of the event
-- from old_value to value (the events row holds the corrected value); 'reject' and
-- 'restore' hide and show an event; 'separate' keeps an event out of any merge by the
-- rule; 'join' merges the incidents of event_id and value.
CREATE TABLE corrections (
    correction_id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT NOT NULL REFERENCES events (event_id_cnty),
    action        TEXT NOT NULL CHECK (action IN ('set', 'reject', 'restore', 'separate', 'join')),
    field         TEXT NOT NULL DEFAULT '',
    value         TEXT NOT NULL DEFAULT '',
    old_value     TEXT NOT NULL DEFAULT '',
    who           TEXT NOT NULL,
    at            TEXT NOT NULL,   -- ISO timestamp, UTC
    note          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX corrections_event ON corrections (event_id);

CREATE TABLE rejected_events (
    event_id TEXT PRIMARY KEY REFERENCES events (event_id_cnty)
);
