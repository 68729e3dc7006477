"""The web page in a real browser: Debian's chromium driven by Playwright, against a
server these tests start on loopback over the coded sample articles.

Saves a screenshot of the page to artifacts/screenshot.png (not committed)."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from test_api import TOKEN, fill_with_samples

pytestmark = pytest.mark.slow  # a browser: `make test-fast` leaves these out

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)",
                allow_module_level=True)

import uvicorn  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tacitus.serve.api import create_app  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Offline and quiet: no sandbox (root in CI), no GPU, no background traffic of its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free loopback port; yields its URL."""
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The app over a fresh store of the samples."""
    db = fill_with_samples(tmp_path_factory.mktemp("web") / "samples.db", pipeline)
    with serving(create_app(str(db), TOKEN)) as url:
        yield url


def api(server: str, path: str, **params) -> dict:
    url = f"{server}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    yield page
    context.close()
    assert not errors, errors


def _rows(page) -> int:
    return page.locator("#events-table tbody tr.event-row").count()


def test_web_page_shows_a_marker_and_a_row_per_event(page, server):
    total = api(server, "/api/events", limit=1000)
    placed = sum(1 for e in total["items"] if e["latitude"] is not None)
    assert total["total"] > 10
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(total["total"])
    expect(page.locator("#map circle.event-marker")).to_have_count(placed)
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#timeline rect.bar").count() > 5
    expect(page.locator("#count")).to_contain_text(f"{total['total']} of {total['total']} events")


def test_web_filter_by_type_shows_only_that_type(page, server):
    kind = api(server, "/api/events", limit=1)["items"][0]["event_type"]
    expected = api(server, "/api/events", event_type=kind, limit=1)["total"]
    page.select_option("#filter-type", kind)
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)
    expect(page.locator("#map circle.event-marker")).to_have_count(expected)
    titles = page.locator("#events-table tbody td.dot").evaluate_all("cells => cells.map(c => c.title)")
    assert set(titles) == {kind}


def test_web_filter_by_date_inputs_and_by_brushing_the_timeline(page, server):
    days = sorted({e["event_date"] for e in api(server, "/api/events", limit=1000)["items"]})
    start, end = days[len(days) // 4], days[len(days) // 2]
    expected = api(server, "/api/events", date_from=start, date_to=end, limit=1)["total"]
    page.fill("#filter-from", start)
    page.fill("#filter-to", end)
    page.locator("#filter-to").dispatch_event("change")
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)
    shown = page.locator("#events-table tbody tr.event-row td:first-child").all_inner_texts()
    assert all(start <= day <= end for day in shown)

    page.click("#filter-reset")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=5)
    page.mouse.up()
    date_from = page.input_value("#filter-from")
    date_to = page.input_value("#filter-to")
    assert date_from and date_to and date_from <= date_to
    expected = api(server, "/api/events", date_from=date_from, date_to=date_to, limit=1)["total"]
    assert expected > 0
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)


def test_web_evidence_view_highlights_each_field_and_gives_the_reasons(page):
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#evidence")).to_be_visible()
    marks = page.locator("#article-text mark")
    expect(marks.first).to_be_visible()
    legend = set(page.locator("#field-legend span").evaluate_all("spans => spans.map(s => s.dataset.field)"))
    marked = {f for fields in marks.evaluate_all("ms => ms.map(m => m.dataset.fields)") for f in fields.split()}
    assert marked and marked <= legend and {"location", "event_date"} <= legend
    assert page.locator("#place-reason").inner_text().strip() not in ("", "–")
    assert page.locator("#incident-explanation li").count() >= 1
    expect(page.locator("#map circle.event-marker.selected")).to_have_count(1)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshot.png"), full_page=True)


def test_web_marker_click_opens_its_evidence(page):
    marker = page.locator("#map circle.event-marker").first
    event_id = marker.get_attribute("data-id")
    marker.dispatch_event("click")
    expect(page.locator("#evidence-record")).to_contain_text(event_id)


def test_web_merge_then_split_incidents_from_the_review_panel(page, server):
    events = api(server, "/api/events", limit=1000)["items"]
    chosen = events[1]
    other = next(e for e in events[2:] if e["article_id"] != chosen["article_id"])
    page.locator(f'#events-table tr[data-id="{chosen["event_id_cnty"]}"]').click()
    page.fill("#review-token", TOKEN)
    page.fill("#review-who", "browser test")
    page.fill("#review-other", other["event_id_cnty"])
    page.click("#review-merge")
    expect(page.locator("#review-status")).to_contain_text("Saved: join")
    incident = api(server, f"/api/events/{chosen['event_id_cnty']}")["incident_id"]
    assert api(server, f"/api/events/{other['event_id_cnty']}")["incident_id"] == incident
    page.click("#review-split")
    expect(page.locator("#review-status")).to_contain_text("Saved: separate")
    assert api(server, f"/api/events/{other['event_id_cnty']}")["incident_id"] != \
        api(server, f"/api/events/{chosen['event_id_cnty']}")["incident_id"]


def test_web_correction_needs_the_token_then_shows_in_the_api(page, server):
    row = page.locator("#events-table tbody tr.event-row").first
    event_id = row.get_attribute("data-id")
    row.click()
    expect(page.locator("#evidence")).to_be_visible()
    page.fill("#review-who", "browser test")
    page.select_option("#review-field", "fatalities")
    page.fill("#review-value", "37")
    page.fill("#review-token", "not the token")
    page.click("#review-save")
    expect(page.locator("#review-status")).to_have_class("error")
    assert api(server, f"/api/events/{event_id}")["corrections"] == []

    page.fill("#review-token", TOKEN)
    page.click("#review-save")
    expect(page.locator("#review-status")).to_contain_text("fatalities = 37")
    detail = api(server, f"/api/events/{event_id}")
    assert detail["event"]["fatalities"] == 37
    assert [(c["field"], c["value"], c["who"]) for c in detail["corrections"]] == [("fatalities", "37", "browser test")]
    expect(page.locator(f'#events-table tr[data-id="{event_id}"] td:last-child')).to_have_text("37")
    assert page.evaluate("sessionStorage.getItem('tacitus-review-token')") == TOKEN
