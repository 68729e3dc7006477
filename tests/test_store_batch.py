"""Store.batch: several articles stored in one transaction (as the ingest writer stores a
partition's), each article undone alone when it fails, nothing kept when the block fails;
and the writer's tally when a partition's commit fails."""
from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from tacitus.store.problems import StoreError
from tacitus.store import open_store
from tacitus.store.base import Store

from test_store_incidents import article, event


def test_a_batch_undoes_a_failing_article_alone_and_keeps_the_rest(store_url):
    first, bad, last = article(1), article(2), article(3)
    twice = event(bad, 0)  # the same event id twice in one article: its second insert fails
    with open_store(store_url) as store:
        with store.batch("test batch"):
            assert store.add(first, [event(first)], merge=False)
            with pytest.raises(StoreError, match="art-2.txt: not stored"):
                store.add(bad, [twice, twice], merge=False)
            assert store.add(last, [event(last)], merge=False)
            assert not store.add(first, [event(first)], merge=False)  # seen inside the same transaction
    with open_store(store_url) as store:
        assert store.article_count() == 2 and store.article(bad.id) is None
        assert {e.article_id for e in store.events()} == {first.id, last.id}


def test_a_batch_that_fails_keeps_nothing_of_it(store_url):
    kept, lost = article(4), article(5)
    with open_store(store_url) as store:
        assert store.add(kept, [event(kept)])
        with pytest.raises(StoreError, match="test batch"):
            with store.batch("test batch"):
                assert store.add(lost, [event(lost)])
                raise StoreError("the disk is full")  # as a COMMIT that fails
        assert store.article_count() == 1 and store.article(lost.id) is None
        assert store.add(lost, [event(lost)])  # the store is usable again


def test_ingest_counts_a_partition_whose_commit_fails_as_failed(tmp_path, pipeline, monkeypatch, capsys):
    from tacitus.scale.run import IngestJob, run_ingest

    path = tmp_path / "articles.jsonl"
    texts = ["Gunmen attacked a bus near Mandera on Monday, killing three people, police said.",
             "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said."]
    path.write_text("".join(json.dumps({"id": f"a{n}", "published": "2024-04-09", "text": t}) + "\n"
                            for n, t in enumerate(texts)), encoding="utf-8")
    real = Store.batch

    @contextmanager
    def failing(store, what):
        with real(store, what):
            yield
            raise StoreError("the disk is full")

    monkeypatch.setattr(Store, "batch", failing)
    db = str(tmp_path / "events.db")
    tally = run_ingest(IngestJob((str(path),), db), resources=pipeline.resources)
    assert (tally.stored, tally.failed, tally.events) == (0, 2, 0)
    err = capsys.readouterr().err
    assert "the disk is full" in err and "2 articles of it not stored" in err
    monkeypatch.setattr(Store, "batch", real)
    again = run_ingest(IngestJob((str(path),), db), resources=pipeline.resources)
    assert (again.stored, again.skipped, again.failed) == (2, 0, 0)  # nothing was half-stored
