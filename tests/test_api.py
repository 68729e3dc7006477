"""serve.api: the HTTP API over a store filled by coding the bundled samples.

Reads, filters, pagination, evidence, downloads, the token on every write, and review
actions that show in reads and exports."""
from __future__ import annotations

import csv
import io
import json
import shutil
import warnings
from pathlib import Path

import pytest

from tacitus.export import COLUMNS
from tacitus.samples import sample_articles
from tacitus.serve.api import create_app
from tacitus.store import StoreError, open_store
from tacitus.types import Article

with warnings.catch_warnings():
    # Starlette asks for httpx2 in its test client; httpx (pinned) works the same.
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

TOKEN = "test-review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def fill_with_samples(path: Path, pipeline) -> Path:
    """A store holding every bundled sample article and its coded events."""
    with open_store(str(path)) as store:
        for item in sample_articles():
            assert isinstance(item, Article), item
            store.add(item, pipeline.code(item))
    return path


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, pipeline) -> Path:
    return fill_with_samples(tmp_path_factory.mktemp("api") / "samples.db", pipeline)


@pytest.fixture(scope="module")
def client(sample_db):
    """Read-only use: the tests with this client never write."""
    with TestClient(create_app(str(sample_db), TOKEN)) as c:
        yield c


@pytest.fixture()
def writable(sample_db, tmp_path):
    """A client over a copy of the sample store, for tests that write."""
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    with TestClient(create_app(str(copy), TOKEN)) as c:
        yield c


def _all(client, path="/api/events", **params) -> list[dict]:
    page = client.get(path, params={"limit": 1000, **params})
    assert page.status_code == 200, page.text
    assert page.json()["total"] == len(page.json()["items"])
    return page.json()["items"]


def test_api_events_are_export_rows_in_date_order_with_a_total(client):
    body = client.get("/api/events", params={"limit": 5}).json()
    assert body["total"] > 5 and len(body["items"]) == 5
    assert all(tuple(item) == COLUMNS for item in body["items"])
    every = _all(client)
    keys = [(e["event_date"], e["event_id_cnty"]) for e in every]
    assert keys == sorted(keys) and len(every) == body["total"]


def test_api_events_pages_do_not_overlap_and_cover_everything(client):
    every = [e["event_id_cnty"] for e in _all(client)]
    paged = []
    for offset in range(0, len(every), 7):
        paged += [e["event_id_cnty"] for e in client.get("/api/events", params={"limit": 7, "offset": offset})
                  .json()["items"]]
    assert paged == every


def test_api_events_filter_by_type_date_country_actor_and_text(client):
    every = _all(client)
    first = every[0]
    by_type = _all(client, event_type=first["event_type"].upper())
    assert by_type and {e["event_type"] for e in by_type} == {first["event_type"]}
    day = first["event_date"]
    by_date = _all(client, date_from=day, date_to=day)
    assert by_date and {e["event_date"] for e in by_date} == {day}
    assert {e["country"] for e in _all(client, country=first["country"].lower())} == {first["country"]}
    actor = first["actor1"].split()[0]
    assert all(actor.lower() in (e["actor1"] + e["actor2"]).lower() for e in _all(client, actor=actor))
    word = first["location"]
    assert first["event_id_cnty"] in {e["event_id_cnty"] for e in _all(client, q=word)}
    lon, lat = first["longitude"], first["latitude"]
    boxed = _all(client, bbox=f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}")
    assert first in boxed and all(abs(e["latitude"] - lat) <= 1 for e in boxed) and len(boxed) < len(every)


@pytest.mark.parametrize("params", [
    {"date_from": "2024-13-01"}, {"limit": 0}, {"limit": 1001}, {"offset": -1}, {"q": '"unclosed'},
    {"q": "x" * 501}, {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "10,0,5,1"},
])
def test_api_bad_parameters_are_422(client, params):
    for path in ("/api/events", "/api/incidents", "/events.csv", "/events.geojson"):
        if path.startswith("/events") and set(params) & {"limit", "offset"}:
            continue
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, response.text)
        assert isinstance(response.json()["detail"], list)


def test_api_event_by_id_has_its_incident_and_unknown_ids_are_404(client):
    event = _all(client)[0]
    detail = client.get(f"/api/events/{event['event_id_cnty']}").json()
    assert detail["event"] == event and detail["rejected"] is False and detail["corrections"] == []
    incident = client.get(f"/api/incidents/{detail['incident_id']}").json()
    assert event["event_id_cnty"] in incident["event_ids"]
    for path in ("/api/events/NOPE-1", "/api/incidents/NOPE-1", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["detail"].lower()


def test_api_incidents_list_with_members_and_filters(client):
    incidents = _all(client, "/api/incidents")
    members = [i for inc in incidents for i in inc["event_ids"]]
    assert sorted(members) == sorted(e["event_id_cnty"] for e in _all(client))
    kind = incidents[0]["event"]["event_type"]
    assert {i["event"]["event_type"] for i in _all(client, "/api/incidents", event_type=kind)} == {kind}


def test_api_article_evidence_spans_point_into_its_text(client):
    checked = 0
    for article_id in sorted({e["article_id"] for e in _all(client)}):
        view = client.get(f"/api/articles/{article_id}").json()
        assert view["events"]
        for coded in view["events"]:
            assert coded["place_reason"] and coded["incident_id"]
            for field, spans in coded["event"]["evidence"].items():
                for span in spans:
                    assert view["text"][span["start"]:span["end"]] == span["text"], (article_id, field)
                    checked += 1
    assert checked > 100


def test_api_place_reason_names_the_location_words(client):
    event = next(e for e in _all(client) if e["evidence"].get("location"))
    view = client.get(f"/api/articles/{event['article_id']}").json()
    coded = next(c for c in view["events"] if c["event"]["event_id_cnty"] == event["event_id_cnty"])
    assert event["evidence"]["location"][0]["text"] in coded["place_reason"]


def test_api_csv_and_geojson_downloads_follow_the_filters(client):
    every = _all(client)
    rows = list(csv.reader(io.StringIO(client.get("/events.csv").text)))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(every) + 1
    kind = every[0]["event_type"]
    response = client.get("/events.geojson", params={"event_type": kind})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = json.loads(response.text)["features"]
    assert {f["properties"]["event_type"] for f in features} == {kind}
    assert len(features) == sum(1 for e in every if e["event_type"] == kind and e["latitude"] is not None)
    incidents = list(csv.reader(io.StringIO(client.get("/events.csv", params={"level": "incident"}).text)))
    assert len(incidents) == len(_all(client, "/api/incidents")) + 1


WRITES = [
    ("/api/events/{id}/corrections", {"field": "fatalities", "value": "99", "who": "ann"}),
    ("/api/events/{id}/reject", {"who": "ann"}),
    ("/api/incidents/split", {"event_id": "{id}", "who": "ann"}),
    ("/api/incidents/merge", {"event_id": "{id}", "other_event_id": "{other}", "who": "ann"}),
]


def _write(client, path, body, event_id, other, headers):
    fill = lambda s: s.format(id=event_id, other=other) if isinstance(s, str) else s  # noqa: E731
    return client.post(fill(path), json={k: fill(v) for k, v in body.items()}, headers=headers)


@pytest.mark.parametrize("path,body", WRITES)
def test_api_no_write_without_the_right_token(writable, path, body):
    first, second = _all(writable)[:2]
    before = writable.get("/events.csv").text
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic eDp5"}):
        response = _write(writable, path, body, first["event_id_cnty"], second["event_id_cnty"], headers)
        assert response.status_code == 401, (headers, response.text)
    assert writable.get("/events.csv").text == before


@pytest.mark.parametrize("path,body", WRITES)
def test_api_server_without_a_token_is_read_only(sample_db, path, body):
    with TestClient(create_app(str(sample_db), None)) as c:
        first, second = _all(c)[:2]
        response = _write(c, path, body, first["event_id_cnty"], second["event_id_cnty"], AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_api_correction_is_stored_with_who_and_shown_in_reads_and_exports(writable):
    event = _all(writable)[0]
    event_id = event["event_id_cnty"]
    response = writable.post(f"/api/events/{event_id}/corrections", headers=AUTH,
                             json={"field": "fatalities", "value": "42", "who": "ann", "note": "hospital list"})
    assert response.status_code == 200, response.text
    correction = response.json()["correction"]
    assert (correction["action"], correction["field"], correction["value"], correction["who"]) == \
           ("set", "fatalities", "42", "ann")
    assert correction["old_value"] == str(event["fatalities"])
    detail = writable.get(f"/api/events/{event_id}").json()
    assert detail["event"]["fatalities"] == 42 and detail["corrections"][0]["note"] == "hospital list"
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(writable.get("/events.csv").text))}
    assert rows[event_id]["fatalities"] == "42"
    incident = writable.get(f"/api/incidents/{detail['incident_id']}").json()
    assert incident["event"]["fatalities"] == 42


def test_api_sub_type_correction_sets_its_event_type(writable):
    event = next(e for e in _all(writable) if e["event_type"] != "Battles")
    response = writable.post(f"/api/events/{event['event_id_cnty']}/corrections", headers=AUTH,
                             json={"field": "sub_event_type", "value": "Armed clash", "who": "ann"})
    assert response.status_code == 200, response.text
    assert response.json()["event"]["event"]["event_type"] == "Battles"


@pytest.mark.parametrize("body", [
    {"field": "fatalities", "value": "-3", "who": "ann"},
    {"field": "latitude", "value": "95", "who": "ann"},
    {"field": "event_date", "value": "yesterday", "who": "ann"},
    {"field": "sub_event_type", "value": "Picnic", "who": "ann"},
    {"field": "notes", "value": "x", "who": "ann"},
    {"field": "fatalities", "value": "3", "who": "  "},
    {"field": "fatalities", "value": "3"},
])
def test_api_bad_correction_is_422_and_changes_nothing(writable, body):
    event = _all(writable)[0]
    response = writable.post(f"/api/events/{event['event_id_cnty']}/corrections", headers=AUTH, json=body)
    assert response.status_code == 422, response.text
    assert writable.get(f"/api/events/{event['event_id_cnty']}").json()["corrections"] == []


def test_api_reject_hides_the_event_from_lists_and_exports_not_from_its_id(writable):
    event_id = _all(writable)[0]["event_id_cnty"]
    response = writable.post(f"/api/events/{event_id}/reject", headers=AUTH, json={"who": "ann", "note": "duplicate"})
    assert response.status_code == 200 and response.json()["event"]["rejected"] is True
    assert event_id not in {e["event_id_cnty"] for e in _all(writable)}
    assert event_id not in writable.get("/events.csv").text
    assert writable.get(f"/api/events/{event_id}").json()["rejected"] is True


def test_api_merge_then_split_incidents(writable):
    events = _all(writable)
    first = events[0]
    other = next(e for e in events if e["article_id"] != first["article_id"])
    merged = writable.post("/api/incidents/merge", headers=AUTH,
                           json={"event_id": first["event_id_cnty"], "other_event_id": other["event_id_cnty"],
                                 "who": "ann"})
    assert merged.status_code == 200, merged.text
    incident = writable.get(f"/api/incidents/{merged.json()['incident_id']}").json()
    assert {first["event_id_cnty"], other["event_id_cnty"]} <= set(incident["event_ids"])
    assert any("reviewer" in line for line in incident["explanation"])
    split = writable.post("/api/incidents/split", headers=AUTH, json={"event_id": other["event_id_cnty"], "who": "ann"})
    assert split.status_code == 200, split.text
    assert writable.get(f"/api/events/{first['event_id_cnty']}").json()["incident_id"] != split.json()["incident_id"]


def test_api_writes_on_unknown_events_are_404_and_self_merge_is_422(writable):
    known = _all(writable)[0]["event_id_cnty"]
    for path, body in WRITES:
        response = _write(writable, path, body, "NOPE-1", known, AUTH)
        assert response.status_code == 404, (path, response.text)
    response = writable.post("/api/incidents/merge", headers=AUTH,
                             json={"event_id": known, "other_event_id": known, "who": "ann"})
    assert response.status_code == 422


def test_api_serves_the_page_and_its_offline_files(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "http" not in page.text.split("<body>")[0]  # no script or style from elsewhere
    for name in ("app.js", "app.css", "vendor/d3.min.js", "vendor/topojson-client.min.js",
                 "vendor/countries-110m.json", "vendor/d3.LICENSE", "vendor/world-atlas.LICENSE"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert client.get("/openapi.json").json()["info"]["title"] == "Tacitus"


def test_api_refuses_a_missing_database(tmp_path):
    with pytest.raises(StoreError):
        create_app(str(tmp_path / "missing.db"), None)


def test_cli_serve_refuses_a_missing_database_in_one_line(tmp_path):
    from click.testing import CliRunner

    from tacitus.serve.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "no such database" in result.output
    assert "Traceback" not in result.output
