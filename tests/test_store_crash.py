"""store: `tacitus ingest` killed with SIGKILL half way leaves a sound database, and a re-run completes it.

Runs the real console script as a subprocess on a JSONL batch written here (made-up
reports), kills it once a few articles are stored, then checks the file: intact, no
orphan events, nothing stored twice. Re-running finishes the batch; a further re-run
stores nothing and leaves the export byte-identical.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a killed subprocess: `make test-fast` leaves these out

ARTICLES = 240  # a few partitions: the ingest must still be storing when it is killed
POLL_SECONDS = 0.05
DEADLINE_SECONDS = 120.0

_TOWNS = ("Garissa", "Mandera", "Wajir", "Kismayo", "Baidoa", "Beledweyne", "Lamu", "Marsabit")
_TEMPLATES = (
    "Gunmen attacked a passenger bus near {town} on Tuesday, killing {n} people and wounding "
    "{m} others, police said. Residents said the attackers fled towards the border.",
    "Security forces clashed with militants outside {town} on Monday; {n} fighters were killed, "
    "a local official said. The fighting lasted several hours.",
    "About {m}00 protesters marched through {town} on Friday to demand the release of {n} detained "
    "traders, witnesses said. The march ended peacefully in the afternoon.",
    "A roadside bomb struck a military convoy near {town} on Sunday, killing {n} soldiers, the "
    "army said. No group has claimed the attack.",
)


def _console_script() -> Path:
    # `python -m tacitus.serve.cli` has no __main__ entry: use the installed script.
    script = Path(sys.executable).parent / "tacitus"
    if not script.is_file():
        pytest.skip(f"no `tacitus` console script beside {sys.executable}; "
                    "install the package with `pip install -e .`")
    return script


def _write_batch(path: Path) -> None:
    lines, texts = [], set()
    for i in range(ARTICLES):
        text = _TEMPLATES[i % len(_TEMPLATES)].format(town=_TOWNS[i % len(_TOWNS)], n=2 + i, m=3 + i % 7)
        texts.add(text)
        lines.append(json.dumps({"id": f"report-{i:03d}", "text": text, "published": "2024-03-12",
                                 "outlet": "Test Wire", "title": f"Report {i} from {_TOWNS[i % len(_TOWNS)]}"}))
    assert len(texts) == ARTICLES  # no text twice: each is stored under its own id
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stored_articles(db: Path) -> int | None:
    """The article count seen by a read-only reader, or None while there is no table yet."""
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or briefly locked by the writer
        return None
    finally:
        conn.close()


def _run(script: Path, *args: str, text: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(script), *args], capture_output=True, text=text, timeout=DEADLINE_SECONDS)
    assert done.returncode == 0, f"tacitus {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _kill_midway(script: Path, batch: Path, db: Path) -> int:
    """Start an ingest, SIGKILL it once some but not all articles are stored; the count then."""
    proc = subprocess.Popen([str(script), "ingest", str(batch), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            seen = _stored_articles(db)
            if seen is not None and 3 <= seen < ARTICLES:
                os.kill(proc.pid, signal.SIGKILL)
                break
            if proc.poll() is not None:
                pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be killed half way; "
                            f"{seen} articles stored")
            time.sleep(POLL_SECONDS)
        else:
            pytest.fail(f"fewer than 3 articles stored after {DEADLINE_SECONDS:.0f} s")
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stored = _stored_articles(db)
    assert stored is not None and 0 < stored < ARTICLES, f"{stored} articles stored when killed"
    return stored


def _check_sound(db: Path) -> tuple[int, int]:
    """Assert the file is intact and consistent; return (articles, events)."""
    conn = sqlite3.connect(db)  # read-write, so a leftover WAL is recovered as a real reopen would
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0
        articles, hashes = conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
        assert articles == hashes  # the same text never stored twice under another id
        # the full-text index holds exactly the stored articles and events: no half-written rows
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
        indexed = conn.execute("SELECT count(*), count(DISTINCT ref) FROM search WHERE kind = 'article'").fetchone()
        assert indexed == (articles, articles)
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM search WHERE kind = 'event'").fetchone()[0] == events
        return articles, events
    finally:
        conn.close()


def _summary(done: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    match = re.search(r"^(\d+) articles? stored, (\d+) skipped \(already stored\), (\d+) failed",
                      done.stdout, re.MULTILINE)
    assert match, f"no summary line in {done.stdout!r}"
    return int(match[1]), int(match[2]), int(match[3])


def test_store_ingest_killed_midway_leaves_a_sound_database_and_a_rerun_completes_it(tmp_path):
    script = _console_script()
    batch = tmp_path / "batch.jsonl"
    db = tmp_path / "events.db"
    _write_batch(batch)

    killed_at = _kill_midway(script, batch, db)
    articles, _ = _check_sound(db)
    assert articles == killed_at

    ingest = ("ingest", str(batch), "--db", str(db))
    assert _summary(_run(script, *ingest)) == (ARTICLES - killed_at, killed_at, 0)
    articles, events = _check_sound(db)
    assert articles == ARTICLES
    assert events > 0
    conn = sqlite3.connect(db)
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM articles"))
    conn.close()
    assert ids == [f"report-{i:03d}" for i in range(ARTICLES)]

    export = ("export", "--db", str(db), "--format", "jsonl")
    before = _run(script, *export, text=False).stdout  # bytes: compared byte for byte
    assert len(before.splitlines()) == events
    assert _summary(_run(script, *ingest)) == (0, ARTICLES, 0)
    assert _check_sound(db) == (ARTICLES, events)
    assert _run(script, *export, text=False).stdout == before
