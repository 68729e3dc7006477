"""The open page shows an incident the watcher stores, without a reload (Debian's
chromium driven by Playwright, as in test_web_browser.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from feed_server import FeedServer, Route
from tacitus.ingest import article_from_text
from tacitus.store import open_store
from tacitus.watch import Fetcher, FetchSettings, FeedSource, Watcher
from watch_feeds import DJIBO, MANDERA, rss

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("the live-update browser test needs /usr/bin/chromium (apt-get install chromium)",
                    pytrace=False)
    pytest.skip("browser test skipped: /usr/bin/chromium is missing (apt-get install chromium)",
                allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tacitus.serve.api import create_app  # noqa: E402
from test_web_browser import CHROMIUM_ARGS, serving  # noqa: E402


@pytest.fixture()
def served(tmp_path, pipeline):
    """A store holding one article, and the page over it."""
    db = str(tmp_path / "live.db")
    first = article_from_text(MANDERA, id="live-1", outlet="Test Wire", published="2024-05-01")
    with open_store(db) as store:
        store.add(first, pipeline.code(first))
    with serving(create_app(db, None)) as url:
        yield db, url


def test_watch_a_stored_incident_appears_on_the_open_page_without_reload(served, pipeline):
    db, url = served
    feeds = FeedServer()
    feeds.routes["/wire.xml"] = Route(body=rss("Test Wire", [
        {"guid": "live-2", "link": "", "title": "Clash near Djibo", "text": DJIBO,
         "date": "Tue, 30 Apr 2024 18:00:00 +0000"}]))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            rows = page.locator("#events-table tbody tr.event-row")
            expect(rows).to_have_count(1)
            page.evaluate("window.loadedOnce = 'still the same page'")

            with open_store(db) as store, Fetcher(FetchSettings(host_delay=0)) as fetcher:
                report = Watcher(store, pipeline, fetcher).run_round([FeedSource(feeds.url("/wire.xml"))])
            assert report.stored == 1 and report.events == 1

            expect(rows).to_have_count(2, timeout=20_000)
            expect(page.locator("#events-table tbody")).to_contain_text("Djibo")
            expect(page.locator("#map circle.event-marker")).to_have_count(2)
            assert page.evaluate("window.loadedOnce") == "still the same page"  # no reload happened
            browser.close()
            assert not errors, errors
    finally:
        feeds.close()
