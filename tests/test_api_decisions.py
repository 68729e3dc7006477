"""serve.api: the evidence view's decisions (trace, withheld reason, place reason) are
read from the store as they were decided when coding, never worked out again."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import warnings
from pathlib import Path

import pytest

from tacitus.samples import sample_articles
from tacitus.serve.api import create_app
from tacitus.serve.evidence import read_trace
from tacitus.store import open_store
from tacitus.types import Article, Event, Span

from test_api import AUTH, TOKEN, fill_with_samples

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def coded(pipeline) -> dict[str, Event]:
    """The samples' events as the pipeline gave them, by id."""
    return {e.event_id_cnty: e for a in sample_articles() if isinstance(a, Article) for e in pipeline.code(a)}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, pipeline) -> Path:
    return fill_with_samples(tmp_path_factory.mktemp("decisions") / "samples.db", pipeline)


@pytest.fixture()
def client(sample_db, tmp_path):
    """A client over a copy of the sample store (tests here write to it)."""
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    with TestClient(create_app(str(db), TOKEN)) as c:
        c.db = str(db)
        yield c


def _views(client):
    ids = sorted({e["article_id"] for e in client.get("/api/events", params={"limit": 1000}).json()["items"]})
    return [client.get(f"/api/articles/{i}").json() for i in ids]


def test_api_article_gives_each_events_trace_as_coded(client, coded):
    steps = set()
    for view in _views(client):
        for item in view["events"]:
            event = coded[item["event"]["event_id_cnty"]]
            assert item["event"]["trace"] == list(event.trace) and event.trace
            assert item["event"]["withheld"] == "" and item["event"]["place_reason"] == event.place_reason
            shown = [(d["step"], d["rule"]) for d in item["decisions"]]
            assert shown == [(s.label, s.detail) for s in read_trace(event.trace)]
            assert shown[0][0] == "made by" and "(sentence " in shown[0][1]
            steps |= {step for step, _ in shown}
    assert {"made by", "added by", "dated", "placed", "typed", "merged"} <= steps, steps


def test_api_place_reason_is_what_was_stored_not_geocoded_again(client, monkeypatch):
    from tacitus.places.gazetteer import Gazetteer

    def refuse(*args, **kwargs):
        raise AssertionError("the server opened the gazetteer to explain a place")

    monkeypatch.setattr(Gazetteer, "open", classmethod(refuse))
    placed = next(e for e in client.get("/api/events", params={"limit": 1000}).json()["items"]
                  if e["place_reason"] and e["location"])
    with open_store(client.db) as store:
        with store._conn.transaction("test: a stored reason only the store knows"):
            store._conn.execute("UPDATE events SET place_reason = ? WHERE event_id_cnty = ?",
                                ("'Somewhere': as the coder chose it", placed["event_id_cnty"]))
    view = client.get(f"/api/articles/{placed['article_id']}").json()
    item = next(i for i in view["events"] if i["event"]["event_id_cnty"] == placed["event_id_cnty"])
    assert item["place_reason"].startswith("'Somewhere': as the coder chose it (precision: ")
    # A reviewer's place is said as such: the stored reason explained another place.
    done = client.post(f"/api/events/{placed['event_id_cnty']}/corrections", headers=AUTH,
                       json={"field": "location", "value": "Elsewhere", "who": "amina"})
    assert done.status_code == 200, done.text
    view = client.get(f"/api/articles/{placed['article_id']}").json()
    item = next(i for i in view["events"] if i["event"]["event_id_cnty"] == placed["event_id_cnty"])
    assert "set by a reviewer" in item["place_reason"] and "Somewhere" not in item["place_reason"]


def test_api_shows_a_stored_withheld_event_and_an_event_stored_without_decisions(client):
    article = Article(id="wh-1", text="Gunmen attacked a bus near Garissa. In 2019, a market was bombed.",
                      title="Bus attacked", published=dt.date(2024, 3, 12), origin="wh.txt")
    base = Event(article_id=article.id, event_date=dt.date(2024, 3, 11), time_precision=1,
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (Kenya)", inter1=3,
                 country="Kenya", location="Garissa", event_id_cnty="KEN-wh-1-0",
                 evidence={"location": (Span(27, 34, "Garissa"),)})
    old = dataclasses.replace(base, event_id_cnty="KEN-wh-1-1", location="", event_date=dt.date(2019, 5, 1),
                              trace=("event_cue@1", "date:own"),
                              withheld="background: dated 1777 days before publication")
    with open_store(client.db) as store:
        assert store.add(article, [base, old])
    view = client.get("/api/articles/wh-1").json()
    items = {i["event"]["event_id_cnty"]: i for i in view["events"]}
    assert items["KEN-wh-1-1"]["event"]["withheld"].startswith("background")
    assert items["KEN-wh-1-1"]["decisions"] == [
        {"step": "made by", "rule": "event_cue (sentence 1)"}, {"step": "dated", "rule": "own"},
        {"step": "withheld", "rule": "background: dated 1777 days before publication"}]
    # Stored without a trace (as before schema 5): nothing is made up in its place.
    assert items["KEN-wh-1-0"]["decisions"] == []
    assert "no reason was stored" in items["KEN-wh-1-0"]["place_reason"]


@pytest.mark.parametrize("trace, steps", [
    (("event_cue@1", "same_story@3", "date:lead", "place:listed_with_it", "type:Attack from attack",
      "consolidated:2 mentions of one day, place and sides"),
     [("made by", "event_cue (sentence 1)"), ("added by", "same_story (sentence 3)"), ("dated", "lead"),
      ("placed", "listed_with_it"), ("typed", "Attack from attack"),
      ("merged", "2 mentions of one day, place and sides")]),
    ((), []),
    (("later_rule:how",), [("later_rule", "how")]),  # a step this page does not know keeps its own name
])
def test_evidence_read_trace(trace, steps):
    assert [(s.label, s.detail) for s in read_trace(trace)] == steps
