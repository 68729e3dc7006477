"""The bundled sample articles and their gold files are well formed.

Checks the files themselves, not Tacitus: every gold file parses and has the
seed's shape, every quoted text is an exact substring of its article, every
sub-type belongs to its type in ACLED's taxonomy, codes and dates are in range,
and index.json lists exactly the sample .txt files.
"""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "tacitus" / "data" / "samples"
GOLD = ROOT / "tests" / "gold"

# ACLED's six event types and their 25 sub-event types.
TAXONOMY: dict[str, frozenset[str]] = {
    "Battles": frozenset({
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    }),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    }),
    "Violence against civilians": frozenset({
        "Sexual violence", "Attack", "Abduction/forced disappearance",
    }),
    "Protests": frozenset({
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    }),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    }),
}
TOP_KEYS = {"id", "outlet", "published", "title", "events", "not_events"}
EVENT_KEYS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
    "country", "iso", "admin1", "location", "geonameid", "latitude", "longitude",
    "geo_precision", "sources", "evidence", "why",
}
GOLD_FILES = sorted(GOLD.glob("*.gold.json"))
SAMPLE_TXT = sorted(SAMPLES.glob("*.txt"))


def _stem(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.json")


def _load(gold_path: Path) -> tuple[dict, str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (GOLD / f"{_stem(gold_path)}.txt").read_text(encoding="utf-8")
    return gold, text


def _index() -> list[dict]:
    return json.loads((SAMPLES / "index.json").read_text(encoding="utf-8"))


def test_samples_count_in_range() -> None:
    assert 16 <= len(SAMPLE_TXT) <= 20
    assert len(GOLD_FILES) == len(SAMPLE_TXT)


@pytest.mark.parametrize("sample", SAMPLE_TXT, ids=lambda p: p.stem)
def test_samples_each_has_gold_and_identical_copy(sample: Path) -> None:
    gold = GOLD / f"{sample.stem}.gold.json"
    copy = GOLD / f"{sample.stem}.txt"
    assert gold.is_file(), f"no gold for {sample.name}"
    assert copy.read_bytes() == sample.read_bytes(), f"tests/gold copy of {sample.name} differs"


@pytest.mark.parametrize("sample", SAMPLE_TXT, ids=lambda p: p.stem)
def test_samples_length_is_short_news(sample: Path) -> None:
    words = len(sample.read_text(encoding="utf-8").split())
    assert 150 <= words <= 450, f"{sample.name}: {words} words"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_gold_shape(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    assert TOP_KEYS <= gold.keys()
    assert gold["id"] == _stem(gold_path)
    assert gold["events"], "a sample without events teaches nothing"
    for event in gold["events"]:
        missing = EVENT_KEYS - event.keys()
        assert not missing, f"{event['sub_event_type']}: missing {sorted(missing)}"
        shared = "fatalities_shared_with" in event
        if shared:
            assert isinstance(event["fatalities_total_low"], int) and event["fatalities_total_low"] > 0
        else:
            assert isinstance(event["fatalities"], int) and event["fatalities"] >= 0
            assert event["fatalities_low"] <= event["fatalities"]
            high = event["fatalities_high"]
            assert high is None or high >= event["fatalities"]
        assert event["time_precision"] in (1, 2, 3)
        assert event["geo_precision"] in (1, 2, 3)
        assert isinstance(event["geonameid"], int) and event["geonameid"] > 0
        assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180
        assert isinstance(event["iso"], int) and 0 < event["iso"] < 1000
        assert event["sources"] and event["evidence"] and event["why"]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_quotes_are_exact_substrings(gold_path: Path) -> None:
    gold, text = _load(gold_path)
    quotes = [s for e in gold["events"] for s in e["evidence"]]
    quotes += [n["text"] for n in gold["not_events"]]
    assert all(n["why"] for n in gold["not_events"])
    for quote in quotes:
        assert quote and quote in text, f"not in the article: {quote!r}"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_subtype_belongs_to_type(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    for event in gold["events"]:
        assert event["event_type"] in TAXONOMY, event["event_type"]
        assert event["sub_event_type"] in TAXONOMY[event["event_type"]], event["sub_event_type"]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_inter_codes_in_range(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    for event in gold["events"]:
        assert event["inter1"] in range(1, 9)
        if "actor2" in event:
            assert event["inter2"] in range(1, 9)
        else:
            assert event.get("inter2") is None


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_dates_not_after_published(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    published = dt.date.fromisoformat(gold["published"])
    for event in gold["events"]:
        assert dt.date.fromisoformat(event["event_date"]) <= published


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_stem)
def test_samples_shared_tolls_point_at_each_other(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    sharing = {e["location"]: e for e in gold["events"] if "fatalities_shared_with" in e}
    for event in sharing.values():
        other = sharing[event["fatalities_shared_with"]]
        assert other["fatalities_shared_with"] == event["location"]
        assert other["fatalities_total_low"] == event["fatalities_total_low"]
        assert (other["event_date"], other["sub_event_type"]) == (event["event_date"], event["sub_event_type"])
        assert "fatalities" not in event, "a shared toll is carried by the group, not by one record"


def test_samples_index_matches_files() -> None:
    index = _index()
    listed = [row["file"] for row in index]
    assert len(listed) == len(set(listed))
    assert set(listed) == {p.name for p in SAMPLE_TXT}


@pytest.mark.parametrize("row", _index(), ids=lambda r: r["file"])
def test_samples_index_agrees_with_gold(row: dict) -> None:
    assert set(row) == {"file", "outlet", "published", "url"}
    gold = json.loads((GOLD / row["file"].replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
    assert dt.date.fromisoformat(row["published"]).isoformat() == row["published"]
    assert (row["outlet"], row["published"]) == (gold["outlet"], gold["published"])
    assert row["url"].startswith("https://")


def test_samples_subtypes_cover_the_taxonomy() -> None:
    seen = {
        (e["event_type"], e["sub_event_type"])
        for g in GOLD_FILES for e in _load(g)[0]["events"]
    }
    assert {t for t, _ in seen} == set(TAXONOMY)
    assert len(seen) >= 20


def test_samples_jsonl_rows_have_the_input_contract() -> None:
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) == 3
    for row in rows:
        assert set(row) == {"id", "url", "outlet", "published", "title", "text"}
        dt.date.fromisoformat(row["published"])
        assert row["text"].strip()


def test_samples_feed_is_rss2_with_three_items() -> None:
    root = ET.parse(SAMPLES / "feed.xml").getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert len(items) == 3
    for item in items:
        assert item.findtext("title") and item.findtext("pubDate") and item.findtext("description")


def test_samples_html_page_has_metadata_and_furniture() -> None:
    pages = sorted(SAMPLES.glob("*.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    for needle in ('property="og:site_name"', 'property="article:published_time"', "<nav", "<footer",
                   "Leave a Reply", "<article"):
        assert needle in html, needle
