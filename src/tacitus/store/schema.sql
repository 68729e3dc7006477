-- Tacitus store, schema version 1 (SQLite). Applied once, in one transaction, by
-- tacitus.store.sqlite; later versions are new scripts appended to MIGRATIONS, never edits here.

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the text as ingested: the same text under a new id is not stored twice
    url          TEXT NOT NULL DEFAULT '',
    outlet       TEXT NOT NULL DEFAULT '',
    published    TEXT,                   -- ISO date
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    language     TEXT NOT NULL DEFAULT 'en',
    dateline     TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL DEFAULT '',
    ingested_at  TEXT NOT NULL           -- ISO timestamp, UTC
);

-- Every column of tacitus.export.COLUMNS, in that order, plus nothing else.
CREATE TABLE events (
    event_id_cnty           TEXT PRIMARY KEY,
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
    article_id              TEXT NOT NULL REFERENCES articles (id),
    url                     TEXT NOT NULL DEFAULT '',
    fatalities_low          INTEGER NOT NULL DEFAULT 0,
    fatalities_best         INTEGER,
    fatalities_high         INTEGER,
    civilian_fatalities_low INTEGER NOT NULL DEFAULT 0,
    injured_low             INTEGER NOT NULL DEFAULT 0,
    geonameid               INTEGER,
    confidence              REAL NOT NULL DEFAULT 0,
    sources_detail          TEXT NOT NULL DEFAULT '[]',  -- JSON list of {name, role, outlet, evidence}
    evidence                TEXT NOT NULL DEFAULT '{}'   -- JSON {field: [{start, end, text}]}
);

CREATE INDEX events_event_date ON events (event_date, event_id_cnty);
CREATE INDEX events_country ON events (country COLLATE NOCASE);
CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE);
CREATE INDEX events_event_type ON events (event_type COLLATE NOCASE);
CREATE INDEX events_article_id ON events (article_id);

-- One full-text index over article titles and texts and event notes: `kind` says which
-- ('article' or 'event'), `ref` is the article id or the event_id_cnty.
CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
