"""Hostile inputs: whatever a source sends, the run goes on.

Every case is a file (or folder) this test writes. Each goes through `tacitus extract`
and `tacitus ingest` beside a good article in the same run: the good article is always
coded and stored, a bad input gets exactly one line naming it and why, no traceback
ever shows, and each case stays inside a time and a memory bound. Inputs that can be
repaired (a lone surrogate, a NUL, Latin-1 bytes inside UTF-8) are coded with no error.
A last test runs the real command, in its own process under hard limits, over a folder
holding every case at once.
"""
from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from tacitus.ingest.text import MAX_TEXT_CHARS
from tacitus.serve.cli import cli

GOOD = ("Gunmen kill three in attack on Garissa bus\n\n"
        "GARISSA – Suspected Al-Shabaab militants on Sunday opened fire on a passenger bus near "
        "Garissa town, killing three passengers, police said.\n")
PARAGRAPH = ("Residents of the river town said the market reopened on Monday after a week of "
             "rain, and traders from the coast brought fish and salt. ")
SECONDS_PER_CASE = 60.0
MEGABYTES_PER_CASE = 600


def _jsonl(**fields) -> bytes:
    return (json.dumps(fields, ensure_ascii=True) + "\n").encode()


def _rss(pub_date: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Bus attack</title>'
            f"<description>Gunmen attacked a bus near Mandera on Monday.</description>"
            f"<pubDate>{pub_date}</pubDate></item></channel></rss>").encode()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b'<rss version="2.0"><channel><title>&lol3;</title></channel></rss>')
XXE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<rss version="2.0"><channel><title>t</title><item><description>&xxe;</description></item></channel></rss>')


def _fifo(path: Path) -> Path:
    os.mkfifo(path / "pipe.txt")
    return path


def _socket(path: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path / "sock.txt"))
    sock.close()
    return path


# name -> (file name, bytes, or a function making a folder), the reason expected (None:
# coded without error), and the text the stored good-or-repaired output must hold.
CASES: dict[str, tuple[str, bytes | Callable[[Path], Path], str | None]] = {
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary data"),
    "empty": ("empty.txt", b"", "empty input"),
    "blank": ("blank.txt", b" \n\n\t \n", "empty input"),
    "huge": ("huge.txt", (PARAGRAPH * (MAX_TEXT_CHARS // len(PARAGRAPH) + 50)).encode(), "over the limit"),
    "undecodable": ("cp.txt", b"Gunmen \x81\x8d\x8f\x90\x9d attacked a bus near Wajir." * 3, "cannot decode"),
    "utf16_no_bom": ("u16.txt", "Gunmen attacked a bus near Wajir.".encode("utf-16-le"), "binary data"),
    "billion_laughs": ("bomb.xml", BILLION_LAUGHS, "XML entities are not allowed"),
    "external_entity": ("xxe.xml", XXE, "XML entities are not allowed"),
    "broken_xml": ("broken.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><item>', "not well-formed"),
    "deep_json": ("deep.jsonl", b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n", "nests JSON too deeply"),
    "bad_json_line": ("bad.jsonl", b'{"text": "Gunmen attacked Wajir.", \n', "not valid JSON"),
    "text_not_a_string": ("num.jsonl", _jsonl(text={"nested": ["a"]}), '"text" is not a string'),
    "date_far_future": ("future.jsonl", _jsonl(text="Gunmen attacked a bus near Wajir.", published="9999-12-31"),
                        "publication date 9999-12-31 is in the future"),
    "date_year_one": ("ancient.jsonl", _jsonl(text="Gunmen attacked a bus near Wajir.", published="0001-01-01"),
                      "publication date 0001-01-01 is before 1900"),
    "rss_year_one": ("old.rss", _rss("Mon, 01 Jan 0001 00:00:00 GMT"), "publication date 0001-01-01 is before 1900"),
    "rss_year_25": ("old25.rss", _rss("Thu, 01 Jan 0025 00:00:00 GMT"), "publication date 0025-01-01 is before 1900"),
    "html_without_text": ("page.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>",
                          "no article text found"),
    "deep_html": ("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"</body></html>", "no article text found"),
    "newline_in_name": ("bad\nname.txt", b"\x00\x01\x02" * 100, "binary data"),
    "fifo_in_folder": ("", _fifo, "skipped: a FIFO"),
    "socket_in_folder": ("", _socket, "skipped: a socket"),
    # Repaired, then coded and stored like any article:
    "lone_surrogate": ("sur.jsonl", _jsonl(text="Gunmen attacked a bus near Wajir \ud800 on Monday, killing two.",
                                           published="2024-03-12"), None),
    "nul_characters": ("nul.jsonl", _jsonl(text="Gunmen attacked a bus near Wajir\u0000 on Monday, killing two.",
                                           published="2024-03-12"), None),
    "latin1_in_utf8": ("mixed.txt", "Governor Suárez said gunmen attacked a bus near Wajir on Monday, killing two."
                       .encode() + b" Su\xe1rez added.", None),
    "long_line": ("line.txt", (PARAGRAPH * (200_000 // len(PARAGRAPH))).encode(), None),
}


@pytest.fixture()
def shared_pipeline(monkeypatch, pipeline):
    monkeypatch.setattr("tacitus.pipeline.Pipeline", lambda *args, **kwargs: pipeline)
    return pipeline


def _make(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The good article and the case's input (a file, or a folder holding it)."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    file_name, content, _ = CASES[name]
    folder = tmp_path / "case"
    folder.mkdir()
    if callable(content):
        return good, content(folder)
    path = folder / file_name
    path.write_bytes(content)
    return good, path


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("tacitus:")]


def _check_one_line(result, name: str, bad: Path) -> None:
    reason = CASES[name][2]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    errors = _errors(result)
    if reason is None:
        assert errors == [] and result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert len(errors) == 1, errors
    shown = CASES[name][0].replace("\n", "\\n") or bad.name
    assert shown in errors[0] and reason in errors[0], errors[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_input_is_one_line_and_the_good_article_is_kept(name, tmp_path, shared_pipeline):
    good, bad = _make(tmp_path, name)
    runner = CliRunner()
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()

    extracted = runner.invoke(cli, ["extract", str(good), str(bad), "--published", "2024-03-12"])
    _check_one_line(extracted, name, bad)
    assert "Garissa" in extracted.stdout

    db = tmp_path / "events.db"
    ingested = runner.invoke(cli, ["ingest", str(good), str(bad), "--db", str(db), "--published", "2024-03-12"])
    _check_one_line(ingested, name, bad)
    exported = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv"])
    assert exported.exit_code == 0 and "Garissa" in exported.stdout
    if CASES[name][2] is None and name != "long_line":
        assert "Wajir" in exported.stdout  # the repaired article is coded and stored too
    if name == "latin1_in_utf8":
        from tacitus.ingest import read_articles

        [article] = read_articles([str(bad)])
        assert article.text.endswith("Governor Suárez said gunmen attacked a bus near Wajir on Monday, "
                                     "killing two. Suárez added.".split("Governor ")[1])

    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before) / 1024
    assert elapsed < SECONDS_PER_CASE, f"{name}: {elapsed:.1f} s"
    assert grown_mb < MEGABYTES_PER_CASE, f"{name}: peak memory grew {grown_mb:.0f} MB"


def test_a_rerun_after_bad_items_stores_nothing_twice_and_dies_on_nothing(tmp_path, shared_pipeline):
    good, bad = _make(tmp_path, "date_far_future")
    db = tmp_path / "events.db"
    runner = CliRunner()
    for _ in range(2):
        again = runner.invoke(cli, ["ingest", str(good), str(bad), "--db", str(db)])
        assert again.exit_code == 1 and len(_errors(again)) == 1
    assert "0 articles stored, 1 skipped" in again.stdout


@pytest.mark.parametrize("value, why", [("9999-12-31", "in the future"), ("0001-01-01", "before 1900")])
def test_an_edge_published_option_is_a_usage_error(tmp_path, value, why):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for command in (["extract", str(good)], ["ingest", str(good), "--db", str(tmp_path / "x.db")]):
        result = CliRunner().invoke(cli, [*command, "--published", value])
        assert result.exit_code == 2 and why in result.output and "Traceback" not in result.output


def _limits() -> None:
    """The child's hard bounds: 3 GB of address space, 10 minutes of CPU."""
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
    resource.setrlimit(resource.RLIMIT_CPU, (600, 600))


def test_the_real_command_over_every_case_at_once_under_hard_limits(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    expected = {}
    for name, (file_name, content, reason) in CASES.items():
        if callable(content):
            continue  # the special files are added below, once
        (folder / f"{name}-{file_name}").write_bytes(content)
        expected[f"{name}-{file_name}".replace("\n", "\\n")] = reason
    _fifo(folder)
    _socket(folder)
    expected.update({"pipe.txt": "skipped: a FIFO", "sock.txt": "skipped: a socket"})
    tacitus = Path(sys.executable).with_name("tacitus")
    done = subprocess.run([str(tacitus), "ingest", str(folder), "--db", str(tmp_path / "all.db"),
                           "--published", "2024-03-12"], capture_output=True, text=True, timeout=900,
                          preexec_fn=_limits)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("tacitus:")]
    for name, reason in expected.items():
        mine = [line for line in lines if name in line]
        assert len(mine) == (0 if reason is None else 1), (name, mine)
        if reason:
            assert reason in mine[0]
    stored = sum(1 for r in expected.values() if r is None) + 1
    assert f"{stored} articles stored" in done.stdout, done.stdout
