"""Review values through the API and the store: checked (422), the token before the
body, and a correction rewriting the note and the full-text index (events made up here)."""
from __future__ import annotations

import datetime as dt
import warnings

import pytest

from tacitus.serve.api import create_app
from tacitus.store import EventFilter, StoreError, open_store
from tacitus.types import Article, Event

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

TOKEN = "values-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "review.db")
    event = Event(article_id="a1", event_id_cnty="KEN-1", event_date=dt.date(2025, 2, 3), time_precision=1,
                  disorder_type="Political violence", event_type="Violence against civilians",
                  sub_event_type="Attack", actor1="Al Shabaab", inter1=2, actor2="Civilians (Kenya)", inter2=7,
                  country="Kenya", admin1="Mandera", location="Mandera", latitude=3.94, longitude=41.86,
                  fatalities=6, fatalities_low=6, fatalities_best=6, fatalities_high=6,
                  civilian_fatalities_low=6, notes="On 3 February 2025, Al Shabaab attacked Civilians (Kenya) "
                  "in Mandera, killing 6 including 6 civilians.", confidence=0.8)
    with open_store(path) as store:
        store.add(Article(id="a1", text="Gunmen killed six people in Mandera on Monday."), [event])
    return path


@pytest.mark.parametrize("field, value", [
    ("fatalities", str(10**20)), ("fatalities", "10000001"), ("event_date", "9999-12-31"),
    ("event_date", "0001-01-01"), ("latitude", "nan"), ("longitude", "inf")])
def test_out_of_range_review_values_are_422_and_the_next_request_is_served(db, field, value):
    with TestClient(create_app(db, TOKEN)) as client:
        answer = client.post("/api/events/KEN-1/corrections", headers=AUTH,
                             json={"field": field, "value": value, "who": "amina"})
        assert answer.status_code == 422, answer.text
        assert client.get("/api/events/KEN-1").json()["event"]["fatalities"] == 6
        fine = client.post("/api/events/KEN-1/corrections", headers=AUTH,
                           json={"field": "fatalities", "value": "5", "who": "amina"})
        assert fine.status_code == 200, fine.text


@pytest.mark.parametrize("path", ["/api/events/KEN-1/corrections", "/api/events/KEN-1/reject",
                                  "/api/incidents/split", "/api/incidents/merge"])
@pytest.mark.parametrize("body", ['{"field": ', "not json", '{"unexpected": 1}'])
def test_the_token_is_checked_before_the_body(db, path, body):
    with TestClient(create_app(db, TOKEN)) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
            answer = client.post(path, content=body, headers={"Content-Type": "application/json", **headers})
            assert answer.status_code == 401, (headers, answer.text)
        assert client.post(path, content=body, headers={"Content-Type": "application/json", **AUTH}
                           ).status_code in (400, 422)
    with TestClient(create_app(db, None)) as read_only:
        assert read_only.post(path, content=body, headers={"Content-Type": "application/json"}).status_code == 403


def test_a_corrected_toll_rewrites_the_note_and_the_full_text_index(db):
    with open_store(db) as store:
        assert store.count(EventFilter(text='"killing 6"')) == 1
        store.correct("KEN-1", "fatalities", "3", who="amina", note="hospital list")
        event = store.event("KEN-1")
        assert event.notes.endswith("killing 3 including 3 civilians.")
        assert store.count(EventFilter(text='"killing 6"')) == 0
        assert store.count(EventFilter(text='"killing 3"')) == 1
        assert "killing 3" in store.incident(store.incident_of("KEN-1")).event.notes
        store.correct("KEN-1", "location", "Elwak", who="amina")
        assert "in Elwak (Mandera)" in store.event("KEN-1").notes
        assert store.count(EventFilter(text="Elwak")) == 1


def test_the_store_refuses_edge_values_by_name(db):
    with open_store(db) as store:
        for field, value, why in (("fatalities", str(10**20), "more than 10,000,000"),
                                  ("event_date", "9999-12-31", "outside 1900-01-01 to today")):
            with pytest.raises(StoreError, match=why):
                store.correct("KEN-1", field, value, who="amina")
        assert store.corrections() == []
