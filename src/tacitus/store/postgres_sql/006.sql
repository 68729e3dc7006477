-- Tacitus store, schema version 6 (PostgreSQL), as schema_006.sql: each article keeps
-- the cleaned title and text its events were coded from (the text their evidence spans
-- point into); articles stored before version 6 gain one on upgrade when their spans agree.
CREATE TABLE coded_articles (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id),
    title      TEXT COLLATE "C" NOT NULL DEFAULT '',
    text       TEXT COLLATE "C" NOT NULL
);
