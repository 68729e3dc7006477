"""The watcher against a loopback HTTP server this module starts: good RSS and Atom feeds,
a summary-only feed whose pages are read, and feeds that answer 429, 500, slowly, too
much, malformed XML or an entity bomb. Every good item is stored once, every bad feed is
reported by URL with its reason, and a restart fetches nothing again."""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

import pytest

from feed_server import FeedServer, Route, http_date
from tacitus.store import EventFilter, open_store
from tacitus.watch import Backoff, Fetcher, FetchSettings, FeedSource, Watcher, WatchSettings
from tacitus.watch.fetch import retry_after_seconds
from watch_feeds import BAIDOA, BAIDOA_SUMMARY, BOMB, DJIBO, KISUMU, MALFORMED, MANDERA, atom, page, rss

FAST = FetchSettings(connect_timeout=2, read_timeout=0.5, deadline=3, max_bytes=200_000, host_delay=0)
SETTINGS = WatchSettings(backoff=Backoff(base=600), summary_words=20)
START = dt.datetime(2024, 5, 6, 8, 0, tzinfo=dt.timezone.utc)
STAMP = http_date(1714900000)
BAD = {  # path: (route, the reason the report must give)
    "/limited.xml": (Route(status=429, headers={"Retry-After": "3600"}), "HTTP 429"),
    "/broken.xml": (Route(status=500, body=b"oops"), "HTTP 500"),
    "/slow.xml": (Route(body=rss("Slow", []), delay=2), "timed out"),
    "/huge.xml": (Route(body=b"<rss>" + b"x" * 300_000 + b"</rss>"), "larger than"),
    "/huge-undeclared.xml": (Route(body=b"<rss>" + b"x" * 300_000 + b"</rss>", declare_length=False), "larger than"),
    "/malformed.xml": (Route(body=MALFORMED), "not well-formed XML"),
    "/bomb.xml": (Route(body=BOMB), "XML entities are not allowed"),
    "/loop.xml": (Route(status=302, headers={"Location": "/loop.xml"}), "more than 5 redirects"),
    "/empty.xml": (Route(body=rss("Empty", [])), "feed has no items"),
}


def _rss_items(server: FeedServer) -> list[dict[str, str]]:
    return [
        {"guid": "wire-1", "link": server.url("/news/mandera"), "title": "Market attack in Mandera",
         "text": MANDERA, "date": "Wed, 01 May 2024 09:00:00 +0000"},
        {"guid": "wire-2", "link": server.url("/news/djibo"), "title": "Clash near Djibo",
         "text": DJIBO, "date": "Tue, 30 Apr 2024 18:00:00 +0000"},
    ]


@pytest.fixture()
def server():
    s = FeedServer()
    s.routes["/wire.xml"] = Route(body=rss("Test Wire", _rss_items(s)), etag='"wire-v1"')
    s.routes["/bay.xml"] = Route(
        body=atom("Bay Radio", [{"id": "tag:bay,2024:1", "link": s.url("/2024/baidoa"), "title": "Convoy hit",
                                 "summary": BAIDOA_SUMMARY, "date": "2024-05-03T07:00:00Z"}]),
        last_modified=STAMP)
    s.routes["/2024/baidoa"] = Route(body=page("Convoy hit near Baidoa", BAIDOA), content_type="text/html")
    for path, (route, _) in BAD.items():
        s.routes[path] = route
    yield s
    s.close()


def _sources(server: FeedServer) -> list[FeedSource]:
    good = [FeedSource(server.url("/wire.xml"), "Test Wire", "KE"), FeedSource(server.url("/bay.xml"))]
    return good + [FeedSource(_url(server, path)) for path in BAD]


def _url(server: FeedServer, path: str) -> str:
    # A 429 holds back every feed of its host: that one is reached by another host name.
    return server.url(path).replace("127.0.0.1", "localhost") if path == "/limited.xml" else server.url(path)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def _round(db, server, pipeline, clock, sources=None, **kw):
    with open_store(db) as store, Fetcher(FAST) as fetcher:
        watcher = Watcher(store, pipeline, fetcher, kw.pop("settings", SETTINGS), clock=clock, **kw)
        return watcher.run_round(sources or _sources(server))


def _articles(db) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, text FROM articles"))


def test_watch_stores_every_good_item_once_and_reports_every_bad_feed(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    report = _round(db, server, pipeline, clock)
    by_url = {f.url: f for f in report.feeds}
    for path, (_, reason) in BAD.items():
        feed = by_url[_url(server, path)]
        assert feed.outcome == "failed" and reason in feed.reason, (path, feed)
    assert by_url[server.url("/wire.xml")].stored == 2 and by_url[server.url("/bay.xml")].stored == 1
    with open_store(db) as store:
        assert store.article_count() == 3
        wire = store.article("wire-1")
        assert wire.outlet == "Test Wire" and wire.url == server.url("/news/mandera")
        assert wire.published == dt.date(2024, 5, 1)
        # The Atom entry was a one-line summary: the article is its page's whole story.
        bay = store.article("tag:bay,2024:1")
        assert "Al Shabaab claimed responsibility" in bay.text and "All rights reserved" not in bay.text
        assert bay.published == dt.date(2024, 5, 3)
        kinds = sorted(e.sub_event_type for e in store.events(EventFilter()))
        assert kinds == ["Armed clash", "Attack", "Remote explosive/landmine/IED"]
        assert store.count_incidents() == 3
        states = store.feed_states()
        assert states[server.url("/wire.xml")].etag == '"wire-v1"'
        assert states[server.url("/bay.xml")].last_modified == STAMP
        assert states[_url(server, "/limited.xml")].failures == 1
        assert "HTTP 500" in states[server.url("/broken.xml")].last_error
    user_agents = {r.user_agent for r in server.log}
    assert len(user_agents) == 1 and user_agents.pop().startswith("Tacitus/")


def test_watch_restart_fetches_nothing_again_and_backs_off_failing_feeds(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    _round(db, server, pipeline, clock)
    first = len(server.log)
    clock.now += dt.timedelta(minutes=5)
    report = _round(db, server, pipeline, clock)  # a new watcher and client: a restart
    again = server.log[first:]
    # Only the two good feeds are asked, conditionally; no page is read again.
    assert sorted(r.path for r in again) == ["/bay.xml", "/wire.xml"]
    wire, bay = (next(r for r in again if r.path == p) for p in ("/wire.xml", "/bay.xml"))
    assert wire.if_none_match == '"wire-v1"' and bay.if_modified_since == STAMP
    outcomes = {f.url: f.outcome for f in report.feeds}
    assert outcomes[server.url("/wire.xml")] == outcomes[server.url("/bay.xml")] == "not_modified"
    assert {outcomes[_url(server, p)] for p in BAD} == {"waiting"}
    assert report.stored == 0 and len(_articles(db)) == 3


def test_watch_retries_failed_feeds_after_their_wait(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    _round(db, server, pipeline, clock)
    # The broken feed is mended; ten minutes later its back-off is over, the 429's hour is not.
    server.routes["/broken.xml"] = Route(body=rss("Mended", [
        {"guid": "mended-1", "link": "", "title": "Protest", "text": KISUMU, "date": "Thu, 02 May 2024 10:00:00 +0000"}]))
    clock.now += dt.timedelta(minutes=11)
    start = len(server.log)
    report = _round(db, server, pipeline, clock)
    asked = {r.path for r in server.log[start:]}
    assert "/broken.xml" in asked and "/limited.xml" not in asked
    assert {f.url: f.stored for f in report.feeds}[server.url("/broken.xml")] == 1
    clock.now += dt.timedelta(hours=1)
    start = len(server.log)
    _round(db, server, pipeline, clock)
    assert "/limited.xml" in {r.path for r in server.log[start:]}
    with open_store(db) as store:
        state = store.feed_states()[server.url("/broken.xml")]
        assert state.failures == 0 and state.last_error == "" and state.articles_stored == 1


def test_watch_a_new_item_is_coded_and_the_old_ones_are_not(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    sources = [FeedSource(server.url("/wire.xml"))]
    _round(db, server, pipeline, clock, sources)
    items = _rss_items(server) + [{"guid": "wire-3", "link": server.url("/news/kisumu"), "title": "Fuel protest",
                                   "text": KISUMU, "date": "Thu, 02 May 2024 10:00:00 +0000"}]
    server.routes["/wire.xml"] = Route(body=rss("Test Wire", items), etag='"wire-v2"')
    coded: list[str] = []
    counting = replace(pipeline)
    counting.code_batch = lambda arts: (coded.extend(a.id for a in arts), pipeline.code_batch(arts))[1]
    report = _round(db, server, counting, clock, sources)
    assert coded == ["wire-3"] and report.stored == 1
    with open_store(db) as store:
        assert store.feed_states()[server.url("/wire.xml")].items_seen == 3


def test_watch_the_same_story_in_two_feeds_is_stored_once(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    # Another outlet carries the same wire story under its own id, and links the same page.
    copy = [dict(_rss_items(server)[0], guid="other-77")]
    server.routes["/other.xml"] = Route(body=rss("Other", copy))
    sources = _sources(server)[:1] + [FeedSource(server.url("/other.xml"))]
    report = _round(db, server, pipeline, clock, sources)
    assert report.stored == 2 and len(_articles(db)) == 2
    with open_store(db) as store:
        assert store.feed_states()[server.url("/other.xml")].articles_stored == 0


def test_watch_a_page_that_fails_now_is_read_next_round(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    server.routes["/2024/baidoa"] = Route(status=503, body=b"busy")
    sources = [FeedSource(server.url("/bay.xml"))]
    report = _round(db, server, pipeline, clock, sources)
    [bay] = report.feeds
    assert bay.stored == 0 and bay.problems and "HTTP 503" in bay.problems[0]
    with open_store(db) as store:
        assert store.feed_states()[server.url("/bay.xml")].last_modified == ""  # so no 304 hides the item
    server.routes["/2024/baidoa"] = Route(body=page("Convoy hit near Baidoa", BAIDOA), content_type="text/html")
    report = _round(db, server, pipeline, clock, sources)
    assert report.stored == 1 and "Al Shabaab claimed" in _articles(db)["tag:bay,2024:1"]


def test_watch_stops_after_the_current_article_and_resumes(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    sources = _sources(server)[:1]
    with open_store(db) as store, Fetcher(FAST) as fetcher:
        watcher = Watcher(store, pipeline, fetcher, SETTINGS, clock=clock)
        add = store.add

        def add_then_stop(*args, **kw):
            watcher.stop.set()  # as a SIGTERM would, while the first article is being stored
            return add(*args, **kw)

        store.add = add_then_stop
        report = watcher.run_round(sources)
        assert report.interrupted and report.stored == 1
        assert store.article_count() == 1 and store.feed_states()[sources[0].url].etag == ""
    report = _round(db, server, pipeline, clock, sources)
    assert report.stored == 1 and len(_articles(db)) == 2


def test_watch_a_host_that_asks_to_wait_is_left_alone_for_every_feed(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    sources = [FeedSource(server.url("/limited.xml")), FeedSource(server.url("/wire.xml"))]
    report = _round(db, server, pipeline, clock, sources, settings=replace(SETTINGS, workers=1))
    limited, wire = report.feeds
    assert limited.outcome == "failed" and "HTTP 429" in limited.reason
    assert wire.outcome == "waiting" and "asked to wait" in wire.reason
    assert [r.path for r in server.log] == ["/limited.xml"]
    with open_store(db) as store:  # a restart within the hour asks neither
        assert all(s.next_attempt for s in store.feed_states().values())
    _round(db, server, pipeline, clock, sources)
    assert [r.path for r in server.log] == ["/limited.xml"]


@pytest.mark.parametrize(("failures", "retry_after", "seconds"), [
    (0, None, 0), (1, None, 60), (2, None, 120), (5, None, 960), (30, None, 6 * 3600),
    (1, 3600.0, 3600), (1, 10 * 86400.0, 86400)])
def test_watch_backoff_doubles_up_to_a_ceiling_and_obeys_retry_after(failures, retry_after, seconds):
    assert Backoff().delay(failures, retry_after) == seconds


def test_watch_retry_after_is_seconds_or_an_http_date():
    now = dt.datetime(2024, 5, 6, 8, 0, tzinfo=dt.timezone.utc)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Mon, 06 May 2024 08:30:00 GMT", now) == 1800
    assert retry_after_seconds("Mon, 06 May 2024 07:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None, now) is None


def test_watch_a_summary_whose_page_is_gone_is_coded_from_the_summary(tmp_path, server, pipeline):
    db, clock = str(tmp_path / "w.db"), Clock()
    del server.routes["/2024/baidoa"]  # 404
    report = _round(db, server, pipeline, clock, [FeedSource(server.url("/bay.xml"))])
    assert report.stored == 1 and not report.feeds[0].problems
    assert _articles(db) == {"tag:bay,2024:1": BAIDOA_SUMMARY}
