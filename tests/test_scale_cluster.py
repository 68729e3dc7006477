"""`tacitus ingest` on a real Dask LocalCluster of 2 worker processes gives the events and
incidents of a single-process ingest; a worker killed mid-run loses and doubles nothing.

The corpus is the project's own bundled sample articles (several outlets report the same
events, so incidents merge), written by the test as JSONL with a bad line, and cut into
small partitions so that both workers get several.
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from tacitus.errors import InputError
from tacitus.samples import sample_articles
from tacitus.scale.cluster import QUIET, TRIM
from tacitus.scale.run import IngestJob, run_ingest
from tacitus.store import open_store

BLOCK = 6_000  # bytes per JSONL partition: two or three articles each


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    lines = []
    for a in sample_articles():
        if isinstance(a, InputError):
            continue
        lines.append(json.dumps({"id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title,
                                 "published": a.published and a.published.isoformat(), "text": a.text}))
    lines.insert(5, '{"id": "broken", "text": ')  # a bad line: fails alone, named by its line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory, pipeline):
    db = str(tmp_path_factory.mktemp("single") / "one.db")
    tally = run_ingest(IngestJob((str(corpus),), db, block_bytes=BLOCK), resources=pipeline.resources)
    assert tally.failed == 1 and tally.stored > 20
    with open_store(db) as store:
        events, incidents = list(store.events()), list(store.incidents())
    assert any(len(i.event_ids) > 1 for i in incidents), "the corpus must merge reports, or nothing is checked"
    assert _coded_as_cleaning_gives(db)
    return tally, events, incidents


@pytest.fixture()
def cluster():
    from distributed import Client

    from tacitus.scale.cluster import local_cluster

    with local_cluster(2) as local, Client(local) as client:
        yield local, client


def _coded_as_cleaning_gives(db: str) -> bool:
    """Whether every stored article keeps the text that cleaning it gives (the workers hand
    the text they coded over to the writer, which no longer cleans it again)."""
    from tacitus.clean import clean

    with open_store(db) as store:
        ids = [r["id"] for r in store._conn.execute("SELECT id FROM articles")]
        pairs = [(store.coded_article(a), clean(a)) for a in map(store.article, ids)]
    return bool(pairs) and all((k.title, k.text) == (c.title, c.text) for k, c in pairs)


def _stored(db: str):
    with open_store(db) as store:
        return list(store.events()), list(store.incidents()), store.article_count()


def _worker_settings() -> tuple:
    import dask

    return tuple(dask.config.get(key) for key in QUIET) + (TRIM in os.environ,)


def test_scale_two_workers_store_what_one_process_stores(corpus, single, cluster, tmp_path, capsys):
    local, client = cluster
    # The workers run without Dask's stack sampling, with its slower timers and glibc's own trimming.
    assert set(client.run(_worker_settings).values()) == {tuple(QUIET.values()) + (False,)}
    db = str(tmp_path / "cluster.db")
    tally = run_ingest(IngestJob((str(corpus),), db, scheduler=local.scheduler_address, block_bytes=BLOCK))
    one, events, incidents = single
    assert (tally.stored, tally.failed, tally.events, tally.incidents) == (one.stored, 1, one.events, one.incidents)
    assert f"{corpus}:6: line is not valid JSON" in capsys.readouterr().err
    got_events, got_incidents, articles = _stored(db)
    assert got_events == events
    assert got_incidents == incidents
    assert _coded_as_cleaning_gives(db)
    again = run_ingest(IngestJob((str(corpus),), db, scheduler=local.scheduler_address, block_bytes=BLOCK))
    assert (again.stored, again.skipped) == (0, one.stored)
    assert _stored(db) == (events, incidents, articles)


def test_scale_pending_events_merged_while_coding_give_the_same_incidents(corpus, single, cluster, tmp_path,
                                                                         monkeypatch):
    import tacitus.scale.run as run

    merges = []
    merge = run.merge_pending
    monkeypatch.setattr(run, "REDUCE_EVERY", 3)
    monkeypatch.setattr(run, "merge_pending", lambda store: merges.append(store.article_count()) or merge(store))
    local, _ = cluster
    db = str(tmp_path / "as-it-goes.db")
    tally = run_ingest(IngestJob((str(corpus),), db, scheduler=local.scheduler_address, block_bytes=BLOCK))
    one, events, incidents = single
    assert len(merges) > 2 and merges[0] < one.stored          # merged during the run, not only at its end
    assert (tally.stored, tally.events, tally.incidents) == (one.stored, one.events, one.incidents)
    assert _stored(db)[:2] == (events, incidents)


def test_scale_an_article_given_twice_is_stored_once_into_an_empty_store(corpus, cluster, tmp_path):
    # Into an empty store the partitions are coded without asking the writer first: the
    # copy in a later partition is coded too, and skipped when it is written.
    lines = corpus.read_text(encoding="utf-8").splitlines()
    twice = tmp_path / "twice.jsonl"
    twice.write_text("\n".join(lines[:4] + lines[:4]) + "\n", encoding="utf-8")
    local, _ = cluster
    db = str(tmp_path / "twice.db")
    tally = run_ingest(IngestJob((str(twice),), db, scheduler=local.scheduler_address, block_bytes=BLOCK))
    assert (tally.stored, tally.skipped) == (4, 4)
    assert _stored(db)[2] == 4


def test_scale_worker_killed_mid_run_loses_and_doubles_nothing(corpus, single, cluster, tmp_path):
    local, client = cluster
    db = str(tmp_path / "killed.db")
    outcome = {}
    job = IngestJob((str(corpus),), db, scheduler=local.scheduler_address, block_bytes=BLOCK)
    runner = threading.Thread(target=lambda: outcome.setdefault("tally", run_ingest(job)))
    runner.start()
    pids = client.run(os.getpid)
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and runner.is_alive():
        busy = [w for w, tasks in client.processing().items() if any("code_partition" in t for t in tasks)]
        if busy:
            victim = busy[0]
            os.kill(pids[victim], signal.SIGKILL)
        time.sleep(0.05)
    runner.join(timeout=300)
    assert victim is not None, "no worker was caught coding a partition"
    assert not runner.is_alive()
    one, events, incidents = single
    tally = outcome["tally"]
    assert (tally.stored, tally.failed) == (one.stored, 1)
    got_events, got_incidents, articles = _stored(db)
    assert articles == one.stored
    assert got_events == events and got_incidents == incidents


def test_scale_cli_ingest_with_workers(corpus, single, tmp_path):
    from click.testing import CliRunner

    from tacitus.serve.cli import cli

    one, events, incidents = single
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "2"])
    assert result.exit_code == 1, result.output  # the one bad line
    assert "with 2 workers; dashboard:" in result.stderr
    assert f"{one.stored} articles stored, 0 skipped (already stored), 1 failed;" in result.stdout
    assert _stored(db)[:2] == (events, incidents)
    both = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "2",
                                    "--scheduler", "tcp://127.0.0.1:1"])
    assert both.exit_code == 2 and "not both" in both.output
    stdin = CliRunner().invoke(cli, ["ingest", "-", "--db", db, "--workers", "1"], input="Some text.")
    assert stdin.exit_code == 2 and "stdin (-) cannot be read by workers" in stdin.stderr


def test_scale_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch, capsys):
    import socket

    from tacitus.serve.cli import main

    monkeypatch.setattr("tacitus.scale.run.CONNECT_TIMEOUT", "1s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    text = tmp_path / "a.txt"
    text.write_text("Gunmen attacked a bus near Mandera on Monday.", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["tacitus", "ingest", str(text), "--db", str(tmp_path / "x.db"),
                                     "--scheduler", f"tcp://127.0.0.1:{port}"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"tacitus: tcp://127.0.0.1:{port}: cannot reach a Dask scheduler there" in err
    assert "Traceback" not in err
