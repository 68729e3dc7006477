"""The command line as a new user meets it: a busy port, the samples folder with its
index.json, outlets read from datelines and page metadata, review corrections that say
what is wrong in plain words, database URLs, and a publication date in the future.
Articles here are written for these tests."""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import socket

import pytest
from click.testing import CliRunner

from tacitus.ingest import article_from_text, read_inputs, text_id
from tacitus.samples import samples_dir
from tacitus.serve.cli import cli
from tacitus.store import StoreError, open_store
from tacitus.types import Article

CLASH = ("Gunmen kill three in attack on Garissa bus\n\n"
         "GARISSA, March 10 (Reuters) - Suspected Al-Shabaab militants on Sunday opened fire on a "
         "passenger bus near Garissa town, killing three passengers, police said.\n")


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def shared_pipeline(monkeypatch, pipeline):
    monkeypatch.setattr("tacitus.pipeline.Pipeline", lambda *args, **kwargs: pipeline)
    return pipeline


def test_cli_demo_refuses_a_busy_port_before_coding_anything(runner, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["demo", "--db", str(tmp_path / "d.db"), "--serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is busy" in result.output and "make demo PORT=" in result.output
    assert not (tmp_path / "d.db").exists()


def test_make_demo_takes_a_port():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "PORT ?= 8000" in makefile and "demo --serve --port $(PORT)" in makefile


def test_cli_ingest_samples_folder_uses_index_json(runner, shared_pipeline, tmp_path):
    result = runner.invoke(cli, ["ingest", samples_dir(), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "index.json" not in result.output
    index = json.loads(open(f"{samples_dir()}/index.json", encoding="utf-8").read())
    with open_store(str(tmp_path / "s.db")) as store:
        for entry in index:
            text = open(f"{samples_dir()}/{entry['file']}", encoding="utf-8").read()
            article = store.article(text_id(text))
            assert (article.published.isoformat(), article.outlet, article.url) == \
                (entry["published"], entry["outlet"], entry.get("url", ""))


def test_ingest_a_folder_with_a_bad_metadata_file_is_one_note(tmp_path, caplog):
    shutil.copy(f"{samples_dir()}/kenya-nairobi-kisumu-protests.txt", tmp_path / "a.txt")
    (tmp_path / "index.json").write_text('{"not": "a list"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tacitus.ingest"):
        items = list(read_inputs([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert [r.getMessage() for r in caplog.records] == [
        f'{tmp_path}/index.json: metadata file skipped (expected a list of {{"file", "published", "outlet", "url"}})']


@pytest.mark.parametrize(("lead", "outlet"), [
    ("GARISSA, March 10 (Reuters) - Gunmen opened fire on a bus.", "Reuters"),
    ("Mogadishu (AFP) – A car bomb exploded near a hotel.", "Agence France-Presse"),
    ("KABUL – AFP – Gunmen attacked a checkpoint.", "Agence France-Presse"),
    ("NAIROBI (Kenya) - Police dispersed protesters.", ""),
    ("Police dispersed protesters (pictured) - witnesses said.", ""),
])
def test_outlet_is_read_from_the_dateline(lead, outlet):
    assert article_from_text(f"Headline here\n\n{lead}\n").outlet == outlet
    assert article_from_text(lead, outlet="Radio X").outlet == "Radio X"


def test_outlet_is_read_from_html_metadata(tmp_path):
    page = tmp_path / "page.html"
    body = "".join(f"<p>Gunmen attacked a bus near Garissa town on Sunday, killing three passengers, "
                   f"police said in statement number {i}.</p>" for i in range(4))
    page.write_text(f'<html><head><title>Bus attack</title><meta property="og:site_name" content="AFP">'
                    f'</head><body><article><h1>Bus attack</h1>{body}</article></body></html>', encoding="utf-8")
    (article,) = read_inputs([str(page)])
    assert article.outlet == "Agence France-Presse"


@pytest.fixture()
def review_db(tmp_path, pipeline):
    db = tmp_path / "review.db"
    article = article_from_text(CLASH, published="2024-03-12")
    with open_store(str(db)) as store:
        store.add(article, pipeline.code(article))
        (event,) = list(store.events())
    return db, event


def test_review_correct_bad_value_is_plain_words(runner, review_db):
    db, event = review_db
    result = runner.invoke(cli, ["review", "correct", "--db", str(db), event.event_id_cnty,
                                 "fatalities", "lots", "--who", "amina"])
    assert result.exit_code == 2
    assert "bad value 'lots' for fatalities (not a whole number of 0 or more, e.g. 3)" in result.output
    assert "invalid literal" not in result.output
    for field, value, words in [("latitude", "north", "not a number of degrees"),
                                ("event_date", "yesterday", "not a date in YYYY-MM-DD form")]:
        result = runner.invoke(cli, ["review", "correct", "--db", str(db), event.event_id_cnty, field, value,
                                     "--who", "amina"])
        assert result.exit_code == 2 and words in result.output, result.output


def test_review_ids_in_any_case_and_help_shows_real_looking_ids(runner, review_db):
    db, event = review_db
    result = runner.invoke(cli, ["review", "correct", "--db", str(db), event.event_id_cnty.lower(),
                                 "fatalities", "4", "--who", "amina"])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        assert store.event(event.event_id_cnty).fatalities == 4
    helps = runner.invoke(cli, ["review", "--help"]).output + runner.invoke(cli, ["review", "correct", "--help"]).output
    ids = re.findall(r"\b[A-Z]{3}-[0-9A-Fa-f]{6,}\b", helps)
    assert ids and all(re.fullmatch(r"[A-Z]{3}-[0-9A-F]{10}", i) for i in ids), ids


def test_review_sub_type_change_says_what_else_must_change_or_makes_it(runner, review_db):
    db, event = review_db
    args = ["review", "correct", "--db", str(db), event.event_id_cnty, "sub_event_type", "Peaceful protest",
            "--who", "amina"]
    said = runner.invoke(cli, args)
    assert said.exit_code == 0, said.output
    assert "a protest's actor1 is protesters (inter 6)" in said.output
    assert "actor1 'Protesters (Kenya)'" in said.output and "--with-actors" in said.output
    with open_store(str(db)) as store:
        assert store.event(event.event_id_cnty).inter1 != 6  # only said, not done
    done = runner.invoke(cli, args + ["--with-actors"])
    assert done.exit_code == 0, done.output
    with open_store(str(db)) as store:
        fixed = store.event(event.event_id_cnty)
        assert (fixed.actor1, fixed.inter1, fixed.actor2, fixed.inter2, fixed.interaction) == \
            ("Protesters (Kenya)", 6, "", None, 60)
        assert {c.field for c in store.corrections(event.event_id_cnty)} >= {"actor1", "inter1", "actor2", "inter2"}


@pytest.mark.parametrize("url", ["mysql://user@host/db", "sqlite://events.db", "mongodb+srv://x/y"])
def test_unknown_database_urls_are_refused_by_name(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="scheme|SQLite URL"):
        with open_store(url):
            pass
    assert list(tmp_path.iterdir()) == []


def test_sqlite_urls_name_a_file(tmp_path, monkeypatch, runner):
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///relative.db"):
        pass
    with open_store(f"sqlite:///{tmp_path}/absolute.db"):
        pass
    assert (tmp_path / "relative.db").exists() and (tmp_path / "absolute.db").exists()
    result = runner.invoke(cli, ["events", "--db", "mysql://u@h/db"])
    assert result.exit_code == 2 and "unknown database scheme 'mysql'" in result.output


def test_published_just_ahead_is_warned_about(runner, shared_pipeline, tmp_path):
    # Further ahead is refused (tests/test_hostile_inputs.py); a day ahead is a time zone.
    report = tmp_path / "r.txt"
    report.write_text(CLASH, encoding="utf-8")
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = runner.invoke(cli, ["extract", str(report), "--published", future])
    assert result.exit_code == 0
    assert f"--published {future} is in the future" in result.stderr
    past = runner.invoke(cli, ["extract", str(report), "--published", "2024-03-12"])
    assert "in the future" not in past.stderr
