"""Feed state, handled items and the change cursor, on SQLite and PostgreSQL alike."""
from __future__ import annotations

import pytest

from tacitus.ingest import article_from_text
from tacitus.store import EventFilter, open_store
from tacitus.store.feeds import FeedState
from watch_feeds import DJIBO, KISUMU, MANDERA


@pytest.fixture(scope="module")
def coded(pipeline):
    articles = [article_from_text(text, id=f"a{n}", url=f"https://news.example/{n}", outlet="Test Wire",
                                  published="2024-05-02") for n, text in enumerate((MANDERA, DJIBO, KISUMU))]
    return [(a, pipeline.code(a)) for a in articles]


def test_store_feeds_state_round_trips_and_updates(store_url):
    state = FeedState("https://feeds.example/a.xml", outlet="A", country="KE", etag='"v1"',
                      last_modified="Sun, 05 May 2024 09:06:40 GMT", last_attempt="2024-05-06T08:00:00+00:00",
                      last_success="2024-05-06T08:00:00+00:00", last_status=200, items_seen=4, articles_stored=3)
    with open_store(store_url) as store:
        store.save_feed_state(state)
        failing = FeedState("https://feeds.example/b.xml", last_status=500, last_error="HTTP 500", failures=2,
                            next_attempt="2024-05-06T08:02:00+00:00")
        store.save_feed_state(failing)
        store.save_feed_state(FeedState(state.url, etag='"v2"', items_seen=5))
    with open_store(store_url) as store:
        states = store.feed_states()
    assert list(states) == [state.url, failing.url]
    assert states[failing.url] == failing
    assert states[state.url].etag == '"v2"' and states[state.url].items_seen == 5 and states[state.url].outlet == ""


def test_store_feeds_an_item_is_known_by_key_id_or_link(store_url, coded):
    feed = "https://feeds.example/a.xml"
    with open_store(store_url) as store:
        article, events = coded[0]
        store.add(article, events)
        assert store.knows_item(feed, "guid-9", article.id, "")
        assert store.knows_item(feed, "guid-9", "other-id", article.url)
        assert not store.knows_item(feed, "guid-9", "other-id", "https://news.example/elsewhere")
        assert not store.knows_item(feed, "guid-9", "other-id", "")  # an empty link matches nothing
        store.record_item(feed, "guid-9", "refused", reason="no article text found", at="2024-05-06T08:00:00+00:00")
        store.record_item(feed, "guid-9", "refused", reason="again", at="2024-05-06T09:00:00+00:00")  # kept once
        assert store.knows_item(feed, "guid-9", "other-id", "")
        assert not store.knows_item("https://feeds.example/b.xml", "guid-9", "other-id", "")


def test_store_feeds_since_a_cursor_gives_what_changed_after_it(store_url, coded):
    with open_store(store_url) as store:
        assert store.change_cursor() == 0
        store.add(*coded[0])
        first = store.change_cursor()
        store.add(*coded[1])
        store.add(*coded[2])
        after = store.change_cursor()
        assert after == first + 2
        new_events = {e.article_id for e in store.events(EventFilter(since=first))}
        assert new_events == {"a1", "a2"}
        assert {i.article_ids for i in store.incidents(EventFilter(since=first))} == {("a1",), ("a2",)}
        assert store.count(EventFilter(since=after)) == 0 and store.count_incidents(EventFilter(since=after)) == 0
        # A review action is a change too: the reviewed event's incident comes back.
        event_id = coded[0][1][0].event_id_cnty
        store.correct(event_id, "fatalities", "7", who="amina")
        [changed] = store.incidents(EventFilter(since=after))
        assert event_id in changed.event_ids and changed.event.fatalities == 7
        # Filters combine with it.
        assert store.count(EventFilter(since=first, country="Kenya")) == 2  # Kisumu, and Mandera reviewed
        assert store.count(EventFilter(since=first, country="Burkina Faso")) == 1
