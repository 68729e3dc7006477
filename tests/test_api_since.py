"""serve.api: `since` and `cursor` let a script (or the page) follow the store."""
from __future__ import annotations

import warnings

from tacitus.ingest import article_from_text
from tacitus.serve.api import create_app
from tacitus.store import open_store
from watch_feeds import DJIBO, KISUMU, MANDERA

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

TOKEN = "since-token"


def _add(db, pipeline, n: int, text: str) -> None:
    article = article_from_text(text, id=f"s{n}", outlet="Test Wire", published="2024-05-02")
    with open_store(db) as store:
        store.add(article, pipeline.code(article))


def test_api_since_follows_new_reports_and_reviews(tmp_path, pipeline):
    db = str(tmp_path / "since.db")
    _add(db, pipeline, 0, MANDERA)
    with TestClient(create_app(db, TOKEN)) as client:
        first = client.get("/api/incidents").json()
        assert first["total"] == 1 and first["cursor"] == 1
        assert client.get("/api/incidents", params={"since": first["cursor"]}).json() == {
            "total": 0, "items": [], "cursor": 1}
        _add(db, pipeline, 1, DJIBO)
        _add(db, pipeline, 2, KISUMU)
        new = client.get("/api/incidents", params={"since": first["cursor"]}).json()
        assert new["cursor"] == 3 and new["total"] == 2
        assert sorted(i["article_ids"][0] for i in new["items"]) == ["s1", "s2"]
        events = client.get("/api/events", params={"since": 1, "country": "Kenya"}).json()
        assert [e["article_id"] for e in events["items"]] == ["s2"] and events["cursor"] == 3
        event_id = first["items"][0]["event_ids"][0]
        answer = client.post(f"/api/events/{event_id}/corrections", headers={"Authorization": f"Bearer {TOKEN}"},
                             json={"field": "fatalities", "value": "8", "who": "amina"})
        assert answer.status_code == 200, answer.text
        reviewed = client.get("/api/incidents", params={"since": new["cursor"]}).json()
        assert reviewed["cursor"] == 4 and [i["event"]["fatalities"] for i in reviewed["items"]] == [8]
        assert client.get("/api/incidents", params={"since": -1}).status_code == 422
