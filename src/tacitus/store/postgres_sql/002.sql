-- Tacitus store, schema version 2 (PostgreSQL): incidents and corrections, as schema_002.sql.

-- One row per incident, with every column of the events table (the merged record), so
-- incidents filter and export exactly as events do, plus what the incident is made of.
CREATE TABLE incidents (
    event_id_cnty           TEXT COLLATE "C" PRIMARY KEY,   -- the incident id
    event_date              TEXT COLLATE "C",        -- ISO date
    year                    INTEGER,
    time_precision          INTEGER,
    disorder_type           TEXT COLLATE "C" NOT NULL DEFAULT '',
    event_type              TEXT COLLATE "C" NOT NULL DEFAULT '',
    sub_event_type          TEXT COLLATE "C" NOT NULL DEFAULT '',
    actor1                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    assoc_actor_1           TEXT COLLATE "C" NOT NULL DEFAULT '',
    inter1                  INTEGER,
    actor2                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    assoc_actor_2           TEXT COLLATE "C" NOT NULL DEFAULT '',
    inter2                  INTEGER,
    interaction             INTEGER,
    civilian_targeting      TEXT COLLATE "C" NOT NULL DEFAULT '',
    iso                     INTEGER,
    region                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    country                 TEXT COLLATE "C" NOT NULL DEFAULT '',
    admin1                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    admin2                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    admin3                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    location                TEXT COLLATE "C" NOT NULL DEFAULT '',
    latitude                DOUBLE PRECISION,
    longitude               DOUBLE PRECISION,
    geo_precision           INTEGER,
    source                  TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_scale            TEXT COLLATE "C" NOT NULL DEFAULT '',
    notes                   TEXT COLLATE "C" NOT NULL DEFAULT '',
    fatalities              INTEGER,     -- NULL: a toll was reported but holds no death count
    tags                    TEXT COLLATE "C" NOT NULL DEFAULT '',
    timestamp               BIGINT,
    article_id              TEXT COLLATE "C" NOT NULL,
    url                     TEXT COLLATE "C" NOT NULL DEFAULT '',
    fatalities_low          INTEGER NOT NULL DEFAULT 0,
    fatalities_best         INTEGER,
    fatalities_high         INTEGER,
    civilian_fatalities_low INTEGER NOT NULL DEFAULT 0,
    injured_low             INTEGER NOT NULL DEFAULT 0,
    geonameid               INTEGER,
    confidence              DOUBLE PRECISION NOT NULL DEFAULT 0,
    sources_detail          TEXT COLLATE "C" NOT NULL DEFAULT '[]',  -- JSON list of {name, role, outlet, evidence}
    evidence                TEXT COLLATE "C" NOT NULL DEFAULT '{}',   -- JSON {field: [{start, end, text}]}
    n_events                INTEGER NOT NULL,
    event_ids               TEXT COLLATE "C" NOT NULL,   -- JSON list of event_id_cnty
    article_ids             TEXT COLLATE "C" NOT NULL,   -- JSON list of article ids
    explanation             TEXT COLLATE "C" NOT NULL    -- JSON list of lines: why they merged, the fatality figures
);

CREATE INDEX incidents_event_date ON incidents (event_date, event_id_cnty);
CREATE INDEX incidents_country ON incidents (lower(country));

-- The merge looks for reports of the same event by country and date.
CREATE INDEX events_country_date ON events (country, event_date);

-- Map queries: events inside a bounding box.
CREATE INDEX events_lat_lon ON events (latitude, longitude);
CREATE INDEX incidents_lat_lon ON incidents (latitude, longitude);

-- Which incident each (not rejected) event belongs to.
CREATE TABLE incident_events (
    event_id    TEXT COLLATE "C" PRIMARY KEY REFERENCES events (event_id_cnty),
    incident_id TEXT COLLATE "C" NOT NULL
);

CREATE INDEX incident_events_incident ON incident_events (incident_id);

-- Every review action, in order: the audit trail. 'set' changed `field` of the event
-- from old_value to value (the events row holds the corrected value); 'reject' and
-- 'restore' hide and show an event; 'separate' keeps an event out of any merge by the
-- rule; 'join' merges the incidents of event_id and value.
CREATE TABLE corrections (
    correction_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      TEXT COLLATE "C" NOT NULL REFERENCES events (event_id_cnty),
    action        TEXT COLLATE "C" NOT NULL CHECK (action IN ('set', 'reject', 'restore', 'separate', 'join')),
    field         TEXT COLLATE "C" NOT NULL DEFAULT '',
    value         TEXT COLLATE "C" NOT NULL DEFAULT '',
    old_value     TEXT COLLATE "C" NOT NULL DEFAULT '',
    who           TEXT COLLATE "C" NOT NULL,
    at            TEXT COLLATE "C" NOT NULL,   -- ISO timestamp, UTC
    note          TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE INDEX corrections_event ON corrections (event_id);

CREATE TABLE rejected_events (
    event_id TEXT COLLATE "C" PRIMARY KEY REFERENCES events (event_id_cnty)
);
