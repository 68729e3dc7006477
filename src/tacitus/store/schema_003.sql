-- Tacitus store, schema version 3 (SQLite): the state of the news feeds `tacitus watch`
-- follows, the items it has handled, and a log of changes that readers follow with a cursor.

-- One row per feed: its HTTP validators (sent back as If-None-Match / If-Modified-Since,
-- so an unchanged feed costs one short answer), its health, and when to try it next.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    outlet        TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_attempt  TEXT,                        -- ISO timestamp, UTC
    last_success  TEXT,
    last_status   INTEGER,                     -- HTTP status of the last answer, NULL if none came
    last_error    TEXT NOT NULL DEFAULT '',    -- '' when the last attempt succeeded
    failures      INTEGER NOT NULL DEFAULT 0,  -- consecutive failed attempts (the back-off)
    next_attempt  TEXT,                        -- not to be fetched before this time
    items_seen    INTEGER NOT NULL DEFAULT 0,  -- items handled (stored, already known or refused)
    articles_stored INTEGER NOT NULL DEFAULT 0
);

-- Every item a feed has given that was handled, so it is never fetched again: stored as an
-- article, already stored from elsewhere, or refused (with the reason).
CREATE TABLE feed_items (
    feed_url   TEXT NOT NULL,
    item_key   TEXT NOT NULL,     -- the item's id (guid), else its link, else a hash of its text
    article_id TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL CHECK (outcome IN ('stored', 'known', 'refused')),
    reason     TEXT NOT NULL DEFAULT '',
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);

-- An item is already stored when an article has its link.
CREATE INDEX articles_url ON articles (url);

-- Each stored article and each review action, numbered in commit order (writers are
-- serialised): `?since=N` reads what changed after change N. Filled by triggers, so
-- every writer logs its changes.
CREATE TABLE changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'event')),
    ref  TEXT NOT NULL,   -- the article id, or the reviewed event's id
    at   TEXT NOT NULL
);

CREATE INDEX changes_kind_ref ON changes (kind, ref);

INSERT INTO changes (kind, ref, at) SELECT 'article', id, ingested_at FROM articles ORDER BY ingested_at, id;

CREATE TRIGGER articles_changed AFTER INSERT ON articles BEGIN
    INSERT INTO changes (kind, ref, at) VALUES ('article', NEW.id, NEW.ingested_at);
END;

CREATE TRIGGER events_reviewed AFTER INSERT ON corrections BEGIN
    INSERT INTO changes (kind, ref, at) VALUES ('event', NEW.event_id, NEW.at);
END;
