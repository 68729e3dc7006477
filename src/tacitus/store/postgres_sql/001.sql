-- Tacitus store, schema version 1 (PostgreSQL): the same tables as the SQLite schema.sql,
-- in PostgreSQL types. Append new versions, never edit.

CREATE TABLE articles (
    id           TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT COLLATE "C" NOT NULL UNIQUE,   -- sha256 of the text as ingested: the same text under a new id is not stored twice
    url          TEXT COLLATE "C" NOT NULL DEFAULT '',
    outlet       TEXT COLLATE "C" NOT NULL DEFAULT '',
    published    TEXT COLLATE "C",                   -- ISO date
    title        TEXT COLLATE "C" NOT NULL DEFAULT '',
    text         TEXT COLLATE "C" NOT NULL,
    language     TEXT COLLATE "C" NOT NULL DEFAULT 'en',
    dateline     TEXT COLLATE "C" NOT NULL DEFAULT '',
    origin       TEXT COLLATE "C" NOT NULL DEFAULT '',
    ingested_at  TEXT COLLATE "C" NOT NULL           -- ISO timestamp, UTC
);

-- Every column of tacitus.export.COLUMNS, in that order, plus nothing else.
CREATE TABLE events (
    event_id_cnty           TEXT COLLATE "C" PRIMARY KEY,
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
    article_id              TEXT COLLATE "C" NOT NULL REFERENCES articles (id),
    url                     TEXT COLLATE "C" NOT NULL DEFAULT '',
    fatalities_low          INTEGER NOT NULL DEFAULT 0,
    fatalities_best         INTEGER,
    fatalities_high         INTEGER,
    civilian_fatalities_low INTEGER NOT NULL DEFAULT 0,
    injured_low             INTEGER NOT NULL DEFAULT 0,
    geonameid               INTEGER,
    confidence              DOUBLE PRECISION NOT NULL DEFAULT 0,
    sources_detail          TEXT COLLATE "C" NOT NULL DEFAULT '[]',  -- JSON list of {name, role, outlet, evidence}
    evidence                TEXT COLLATE "C" NOT NULL DEFAULT '{}'   -- JSON {field: [{start, end, text}]}
);

CREATE INDEX events_event_date ON events (event_date, event_id_cnty);
CREATE INDEX events_country ON events (lower(country));
CREATE INDEX events_admin1 ON events (lower(admin1));
CREATE INDEX events_event_type ON events (lower(event_type));
CREATE INDEX events_article_id ON events (article_id);

-- Full-text search over article titles and texts and event notes, as SQLite's FTS5 table:
-- `kind` says which ('article' or 'event'), `ref` is the article id or the event_id_cnty.
CREATE TABLE search (
    kind  TEXT COLLATE "C" NOT NULL,
    ref   TEXT COLLATE "C" NOT NULL,
    title TEXT COLLATE "C" NOT NULL DEFAULT '',
    body  TEXT COLLATE "C" NOT NULL DEFAULT '',
    words tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
);

CREATE INDEX search_words ON search USING gin (words);
CREATE INDEX search_ref ON search (kind, ref);
