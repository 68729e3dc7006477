-- Tacitus store, schema version 3 (PostgreSQL): feed state, handled feed items and the
-- change log, as schema_003.sql.

CREATE TABLE feeds (
    url           TEXT COLLATE "C" PRIMARY KEY,
    outlet        TEXT COLLATE "C" NOT NULL DEFAULT '',
    country       TEXT COLLATE "C" NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_attempt  TEXT COLLATE "C",
    last_success  TEXT COLLATE "C",
    last_status   INTEGER,
    last_error    TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT COLLATE "C",
    items_seen    INTEGER NOT NULL DEFAULT 0,
    articles_stored INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed_url   TEXT COLLATE "C" NOT NULL,
    item_key   TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL CHECK (outcome IN ('stored', 'known', 'refused')),
    reason     TEXT NOT NULL DEFAULT '',
    seen_at    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);

CREATE INDEX articles_url ON articles (url);

CREATE TABLE changes (
    seq  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'event')),
    ref  TEXT COLLATE "C" NOT NULL,
    at   TEXT COLLATE "C" NOT NULL
);

CREATE INDEX changes_kind_ref ON changes (kind, ref);

INSERT INTO changes (kind, ref, at) SELECT 'article', id, ingested_at FROM articles ORDER BY ingested_at, id;

-- One trigger function logs both kinds of change.
CREATE FUNCTION tacitus_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'articles' THEN
        INSERT INTO changes (kind, ref, at) VALUES ('article', NEW.id, NEW.ingested_at);
    ELSE
        INSERT INTO changes (kind, ref, at) VALUES ('event', NEW.event_id, NEW.at);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER articles_changed AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION tacitus_log_change();

CREATE TRIGGER events_reviewed AFTER INSERT ON corrections
    FOR EACH ROW EXECUTE FUNCTION tacitus_log_change();
