"""The web page in a real browser: Debian's chromium driven by Playwright, against a
server these tests start on loopback over the coded sample articles.

Saves a screenshot of the page to artifacts/screenshot.png (not committed)."""
from __future__ import annotations

import json
import os
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

CHROMIUM = Path(os.environ.get("TACITUS_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    _why = f"the browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{_why}: in CI they must run", pytrace=False)  # a failure, never a quiet skip
    pytest.skip(f"browser tests skipped: {_why}", allow_module_level=True)

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


def _show_reports(page) -> None:
    page.check('#level input[value="event"]')
    expect(page.locator("#count")).to_contain_text("reports")


def test_web_page_shows_incidents_by_default_one_marker_and_row_each(page, server):
    total = api(server, "/api/incidents", limit=1000)
    placed = sum(1 for i in total["items"] if i["event"]["latitude"] is not None)
    assert 10 < total["total"] < api(server, "/api/events", limit=1)["total"]
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(total["total"])
    expect(page.locator("#map circle.event-marker")).to_have_count(placed)
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#timeline rect.bar").count() > 5
    expect(page.locator("#count")).to_contain_text(f"{total['total']} of {total['total']} incidents")


def test_web_switch_to_reports_and_an_incident_lists_its_reports(page, server):
    merged = next(i for i in api(server, "/api/incidents", limit=1000)["items"] if len(i["event_ids"]) > 1)
    page.locator(f'#events-table tr[data-id="{merged["incident_id"]}"]').click()
    reports = page.locator("#reports li button")
    expect(reports).to_have_count(len(merged["event_ids"]))
    second = merged["event_ids"][1]
    page.locator(f'#reports button[data-id="{second}"]').click()
    expect(page.locator("#evidence-record")).to_contain_text(second)
    _show_reports(page)
    total = api(server, "/api/events", limit=1)["total"]
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(total)
    expect(page.locator("#count")).to_contain_text(f"{total} of {total} reports")
    assert "level=event" in page.get_attribute("#download-csv", "href")


def test_web_filter_by_type_shows_only_that_type(page, server):
    kind = api(server, "/api/incidents", limit=1)["items"][0]["event"]["event_type"]
    expected = api(server, "/api/incidents", event_type=kind, limit=1)["total"]
    page.select_option("#filter-type", kind)
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)
    expect(page.locator("#map circle.event-marker")).to_have_count(expected)
    titles = page.locator("#events-table tbody td.dot").evaluate_all("cells => cells.map(c => c.title)")
    assert set(titles) == {kind}


def test_web_enter_in_the_text_filter_searches_without_reloading(page, server):
    expected = api(server, "/api/incidents", q="protesters", limit=1)["total"]
    assert 0 < expected
    page.evaluate("window.__same_page = true")
    page.fill("#filter-text", "protesters")
    page.press("#filter-text", "Enter")
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)
    assert page.evaluate("window.__same_page") is True
    assert page.input_value("#filter-text") == "protesters"


def test_web_a_search_the_api_refuses_shows_its_message(page, server):
    page.fill("#filter-text", '"unclosed')
    page.press("#filter-text", "Enter")
    message = page.locator("#message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("FTS5")
    page.fill("#filter-text", "")
    page.press("#filter-text", "Enter")
    expect(message).to_be_hidden()


def test_web_filter_by_date_inputs_and_by_brushing_the_timeline(page, server):
    days = sorted({i["event"]["event_date"] for i in api(server, "/api/incidents", limit=1000)["items"]})
    start, end = days[len(days) // 4], days[len(days) // 2]
    expected = api(server, "/api/incidents", date_from=start, date_to=end, limit=1)["total"]
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
    expected = api(server, "/api/incidents", date_from=date_from, date_to=date_to, limit=1)["total"]
    assert expected > 0
    expect(page.locator("#events-table tbody tr.event-row")).to_have_count(expected)


def _timeline_fits(page) -> bool:
    return page.evaluate("""() => {
        const svg = document.querySelector('#timeline');
        const drawn = +svg.getAttribute('viewBox').split(' ')[2];
        return Math.abs(drawn - svg.getBoundingClientRect().width) <= 1;
    }""")


def test_web_timeline_is_redrawn_when_the_evidence_opens_and_counts_are_whole(page):
    assert _timeline_fits(page)
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#evidence")).to_be_visible()
    page.wait_for_function("""() => {
        const svg = document.querySelector('#timeline');
        return Math.abs(+svg.getAttribute('viewBox').split(' ')[2] - svg.getBoundingClientRect().width) <= 1;
    }""", timeout=5000)
    label = page.locator("#timeline .axis text").first.bounding_box()
    assert label["height"] >= 9  # drawn at its size, not squeezed
    counts = page.locator("#timeline .axis").nth(1).locator("text").all_text_contents()
    assert counts and all(c.isdigit() for c in counts), counts


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


def test_web_evidence_view_lists_how_the_event_was_coded(page, server):
    # A merged report: its trace says which rule made it, how it was dated, placed and
    # typed, and that it was merged, as the API read it from the store.
    _show_reports(page)
    merged = next(e for e in api(server, "/api/events", limit=1000)["items"]
                  if any(step.startswith("consolidated:") for step in e["trace"]))
    view = api(server, f"/api/articles/{urllib.parse.quote(merged['article_id'], safe='')}")
    decisions = next(i["decisions"] for i in view["events"] if i["event"]["event_id_cnty"] == merged["event_id_cnty"])
    page.locator(f'#events-table tr[data-id="{merged["event_id_cnty"]}"]').click()
    expect(page.locator("#evidence-record")).to_contain_text(merged["event_id_cnty"])
    steps = page.locator("#decisions dt")
    expect(steps).to_have_count(len(decisions))
    assert steps.all_inner_texts()[0] == "made by"
    assert {"made by", "dated", "placed", "typed", "merged"} <= set(steps.all_inner_texts())
    assert page.locator("#decisions dd").all_inner_texts() == [d["rule"] for d in decisions]
    # under the event's fields, above the article text
    record, listed = page.locator("#evidence-record").bounding_box(), page.locator("#decisions").bounding_box()
    text = page.locator("#article-text").bounding_box()
    assert record["y"] + record["height"] <= listed["y"] < text["y"]


def test_web_legend_says_words_and_injuries_have_their_own_colour(page, server):
    hurt = next(i for i in api(server, "/api/incidents", limit=1000)["items"]
                if i["event"]["injured_low"] > 0 and i["event"]["fatalities"])
    page.locator(f'#events-table tr[data-id="{hurt["incident_id"]}"]').click()
    legend = page.locator("#field-legend span")
    expect(legend.first).to_be_visible()
    labels = legend.all_inner_texts()
    assert labels and not any("_" in label for label in labels), labels
    assert {"Event type", "Date", "Place", "Deaths", "Injured"} <= set(labels), labels
    colour = lambda field: page.locator(f'#field-legend span[data-field="{field}"]').evaluate(  # noqa: E731
        "s => getComputedStyle(s).getPropertyValue('--colour')")
    assert colour("injured_low") != colour("fatalities")
    injured = page.locator('#article-text mark[data-fields~="injured_low"]')
    expect(injured.first).to_be_visible()
    assert not any(m in ("fatalities",) for m in injured.evaluate_all("ms => ms.map(m => m.dataset.fields)"))


def test_web_closing_the_evidence_clears_the_selection(page):
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#map circle.event-marker.selected")).to_have_count(1)
    page.click("#evidence-close")
    expect(page.locator("#evidence")).to_be_hidden()
    expect(page.locator("#map circle.event-marker.selected")).to_have_count(0)
    expect(page.locator("#events-table tr.selected")).to_have_count(0)


def test_web_date_column_does_not_wrap_with_the_evidence_open(page):
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#evidence")).to_be_visible()
    lines = page.locator("#events-table tbody tr.event-row td:first-child").evaluate_all("""cells => cells.map(c => {
        const range = document.createRange();
        range.selectNodeContents(c);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    })""")
    assert lines and set(lines) == {1}, lines


def test_web_phone_sized_screen_shows_the_whole_table(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px screen"
    box = page.locator("#table-box").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # every column can be reached: the table scrolls inside its box
    page.locator("#table-box").evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    last = page.locator("#events-table thead th").last.bounding_box()
    assert 0 <= last["x"] and last["x"] + last["width"] <= 391
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#evidence")).to_be_visible()
    evidence = page.locator("#evidence").bounding_box()
    table = page.locator("#table-box").bounding_box()
    assert evidence["width"] <= 390 and page.evaluate("document.documentElement.scrollWidth") <= 390
    assert table["width"] >= 300, f"the table is squeezed to {table['width']} px beside the evidence"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshot-phone.png"), full_page=True)
    context.close()


def test_web_marker_click_opens_its_evidence(page):
    marker = page.locator("#map circle.event-marker").first
    marker.dispatch_event("click")
    expect(page.locator("#reports li.shown button")).to_have_count(1)
    shown = page.locator("#reports li.shown button").inner_text()
    expect(page.locator("#evidence-record")).to_contain_text(shown)


def test_web_merge_then_split_incidents_from_the_review_panel(page, server):
    _show_reports(page)
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
    _show_reports(page)
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


def test_browser_tests_fail_in_ci_when_chromium_is_missing(tmp_path):
    """CI must not pass with the page untested: without chromium this module fails there."""
    import subprocess
    import sys

    env = {**os.environ, "CI": "true", "TACITUS_CHROMIUM": str(tmp_path / "no-chromium")}
    done = subprocess.run([sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider",
                           "-k", "shows_incidents_by_default"], env=env, capture_output=True, text=True,
                          cwd=Path(__file__).parent, timeout=300)
    assert done.returncode != 0, done.stdout
    assert "must run" in done.stdout and "skipped" not in done.stdout.splitlines()[-1]


def test_web_an_article_stored_before_its_text_was_kept_lists_the_words_instead(browser, page, tmp_path,
                                                                                 pipeline, monkeypatch):
    from test_api_coded_text import _written_before_6

    # Stored today: highlighted in the text, no note.
    page.locator("#events-table tbody tr.event-row").first.click()
    expect(page.locator("#article-text mark").first).to_be_visible()
    expect(page.locator("#text-note")).to_be_hidden()
    expect(page.locator("#evidence-words")).to_be_hidden()
    # Stored by a Tacitus before schema 6 and served read-only: the offsets index a text
    # that was not kept, so nothing is highlighted and each field's words are listed.
    db = tmp_path / "old.db"
    with _written_before_6(monkeypatch, str(db)):
        fill_with_samples(db, pipeline)
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    old = context.new_page()
    with serving(create_app(str(db), None)) as url:
        old.goto(url + "/")
        old.wait_for_selector("body[data-ready=true]", timeout=20_000)
        old.locator("#events-table tbody tr.event-row").first.click()
        expect(old.locator("#text-note")).to_be_visible()
        expect(old.locator("#evidence-words dt").first).to_be_visible()
        assert old.locator("#evidence-words dd").first.inner_text().startswith("“")
        expect(old.locator("#article-text mark")).to_have_count(0)
        assert old.locator("#article-text").inner_text().strip()
        assert old.locator("#place-reason").inner_text().strip() not in ("", "–")
    context.close()
