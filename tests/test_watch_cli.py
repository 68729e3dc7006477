"""`tacitus watch` and `tacitus feeds` from the command line: the feed list formats, an
OPML list served over HTTP, failures reported by URL, health listed, and SIGTERM."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from feed_server import FeedServer, Route
from tacitus.errors import InputError
from tacitus.serve.cli import cli
from tacitus.watch import FeedSource, read_feed_list
from tacitus.watch.commands import parse_duration
from watch_feeds import BOMB, DJIBO, KISUMU, MANDERA, opml, rss

TACITUS = Path(sys.executable).with_name("tacitus")


def test_watch_feed_list_reads_urls_outlets_and_countries(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# desk feeds\n"
                    "https://a.example/rss\tA Wire\tKenya\n"
                    "\n"
                    "https://b.example/atom.xml\n"
                    "https://c.example/feed\tRadio C\tSO\n"
                    "https://a.example/rss\tduplicate\n", encoding="utf-8")
    assert read_feed_list(path) == (FeedSource("https://a.example/rss", "A Wire", "KE"),
                                    FeedSource("https://b.example/atom.xml"),
                                    FeedSource("https://c.example/feed", "Radio C", "SO"))


@pytest.mark.parametrize(("content", "message"), [
    ("https://a.example/rss\tA\tNarnia\n", "feeds.txt:1: unknown country 'Narnia'"),
    ("# only a comment\n", "feeds.txt: no feed URLs in the list"),
    ("https://a.example/rss\nftp://b.example/feed\n", "feeds.txt:2: 'ftp://b.example/feed' is not an http(s) URL"),
    ("https://a.example/rss\tA\tKE\textra\n", "feeds.txt:1: expected URL"),
    ('<?xml version="1.0"?><html><body/></html>', "not an OPML file"),
    (BOMB.decode(), "XML entities are not allowed"),
])
def test_watch_feed_list_refuses_bad_lists_naming_the_line(tmp_path, content, message):
    path = tmp_path / "feeds.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_feed_list(path)
    assert message in str(caught.value)


def test_watch_feed_list_reads_opml(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_bytes(opml([("https://a.example/rss", "A Wire", "Somalia"), ("https://b.example/atom", "B", "")]))
    assert read_feed_list(path) == (FeedSource("https://a.example/rss", "A Wire", "SO"),
                                    FeedSource("https://b.example/atom", "B", ""))


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("45s", 45), ("10m", 600), ("2h", 7200), ("1d", 86400)])
def test_watch_every_reads_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "ten minutes", "5w"])
def test_watch_every_refuses_what_is_not_a_duration(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.fixture()
def server():
    s = FeedServer()
    items = [{"guid": f"cli-{n}", "link": "", "title": f"Story {n}", "text": text,
              "date": "Thu, 02 May 2024 10:00:00 +0000"} for n, text in enumerate((MANDERA, DJIBO))]
    s.routes["/wire.xml"] = Route(body=rss("Test Wire", items), etag='"v1"')
    s.routes["/broken.xml"] = Route(status=500, body=b"oops")
    s.routes["/subs.opml"] = Route(body=opml([(s.url("/wire.xml"), "Test Wire", "Kenya"),
                                              (s.url("/broken.xml"), "Broken", "")]),
                                   content_type="text/x-opml")
    yield s
    s.close()


def test_watch_once_from_an_opml_url_then_feeds_lists_health(tmp_path, server):
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["watch", server.url("/subs.opml"), "--db", db, "--once"])
    assert result.exit_code == 1, result.output  # one feed failed
    assert "round 1: 1 feeds read (2 new items), 0 not modified, 1 failed, 0 waiting; 2 articles stored" in result.stdout
    assert f"tacitus: {server.url('/broken.xml')}: HTTP 500 Internal Server Error" in result.stderr
    table = runner.invoke(cli, ["feeds", "--db", db])
    assert table.exit_code == 0, table.output
    wire = next(line for line in table.stdout.splitlines() if server.url("/wire.xml") in line)
    broken = next(line for line in table.stdout.splitlines() if server.url("/broken.xml") in line)
    assert wire.startswith("ok") and "Test Wire" in wire and wire.rstrip().endswith("-")
    assert broken.startswith("failing (1 in a row, next try") and "HTTP 500" in broken
    assert "2 feeds, 1 failing" in table.stdout
    rows = [json.loads(line) for line in runner.invoke(cli, ["feeds", "--db", db, "--json"]).stdout.splitlines()]
    assert {r["url"]: (r["articles_stored"], r["country"]) for r in rows}[server.url("/wire.xml")] == (2, "KE")
    # Mended, the broken feed is still backed off: a second round asks only the good one, conditionally.
    server.routes["/broken.xml"] = Route(body=rss("Mended", []))
    start = len(server.log)
    again = runner.invoke(cli, ["watch", server.url("/subs.opml"), "--db", db, "--once"])
    assert again.exit_code == 0, again.output
    assert "0 feeds read (0 new items), 1 not modified, 0 failed, 1 waiting; 0 articles stored" in again.stdout
    assert [(r.path, r.if_none_match) for r in server.log[start:]] == [("/subs.opml", ""), ("/wire.xml", '"v1"')]


def test_watch_refuses_an_unreadable_feed_list(tmp_path, server):
    result = CliRunner().invoke(cli, ["watch", server.url("/missing.opml"), "--db", str(tmp_path / "w.db"), "--once"])
    assert result.exit_code == 2 and "HTTP 404" in result.output


def test_feeds_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["feeds", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_watch_sigterm_stops_cleanly_after_the_current_article(tmp_path, server):
    db = tmp_path / "w.db"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.url('/wire.xml')}\tTest Wire\tKE\n", encoding="utf-8")
    watcher = subprocess.Popen([str(TACITUS), "watch", str(feeds), "--db", str(db), "--every", "1h"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = watcher.stdout.readline()  # the first round is over; the watcher now waits an hour
        assert line.startswith("round 1: 1 feeds read (2 new items)"), line + watcher.stderr.read()
        started = time.monotonic()
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    assert code == 130 and time.monotonic() - started < 10
    assert "tacitus: stopped" in watcher.stderr.read()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM feed_items WHERE outcome = 'stored'").fetchone()[0] == 2
    # A later run goes on from there: only the new item is stored.
    items = [{"guid": "cli-2", "link": "", "title": "Story 2", "text": KISUMU, "date": "Thu, 02 May 2024 10:00:00 +0000"}]
    server.routes["/wire.xml"] = Route(body=rss("Test Wire", items), etag='"v2"')
    result = subprocess.run([str(TACITUS), "watch", str(feeds), "--db", str(db), "--once"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "1 articles stored" in result.stdout, result.stderr
