-- Tacitus store, schema version 6 (SQLite): each article keeps the text its events were
-- coded from (its cleaned title and text): every evidence span of its events is an
-- offset into `text`, so the web page shows the article as coded and never cleans it
-- again. An article stored before version 6 gains a row when a writer upgrades the
-- database, and only when every evidence span of its events reads the same words in
-- the text cleaned then (tacitus.store.coded); the others have none, and the page says so.
CREATE TABLE coded_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    title      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL
);
