"""End to end through the command line, on inputs the project wrote."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.serve.cli import cli
from tacitus.types import ACLED_COLUMNS

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "samples"
GOLD = Path(__file__).resolve().parent / "gold"

REPORT = (
    "Gunmen kill three in attack on Garissa bus\n\n"
    "GARISSA – Suspected Al-Shabaab militants on Sunday opened fire on a passenger bus near "
    "Garissa town, killing three passengers and wounding five others, police said.\n\n"
    "“The attackers fled towards the border,” county police commander Jane Wambui told Radio "
    "Jangwani.\n\n"
    "Leave a Reply\n\nYour email address will not be published.\n\nseven + 2 =\n"
)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "garissa.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_cli_extract_prints_acled_columns_first(runner, report):
    result = runner.invoke(cli, ["extract", str(report), "--published", "2024-03-12",
                                 "--outlet", "Radio Jangwani"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == 1
    event = events[0]
    assert tuple(event)[:31] == ACLED_COLUMNS
    assert event["event_date"] == "2024-03-10"
    assert event["actor1"] == "Al Shabaab"
    assert event["location"] == "Garissa" and event["country"] == "Kenya"
    assert event["fatalities"] == 3 and event["injured_low"] == 5
    assert event["article_id"]
    for spans in event["evidence"].values():
        assert spans and all(s["text"] for s in spans)


def test_cli_extract_captcha_and_comment_form_give_no_event(runner, tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text("Leave a Reply\n\nYour email address will not be published.\n\neight − 3 =\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2024-03-12"])
    assert result.stdout.strip() == ""


def test_cli_extract_csv_has_header_in_column_order(runner, report):
    result = runner.invoke(cli, ["extract", str(report), "--published", "2024-03-12", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0][:31]) == ACLED_COLUMNS and len(rows) == 2


def test_cli_extract_geojson_is_a_feature_collection(runner, report):
    result = runner.invoke(cli, ["extract", str(report), "--published", "2024-03-12", "--format", "geojson"])
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection"
    assert doc["features"][0]["geometry"]["type"] == "Point"


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50, "binary"),
    ("bomb.xml", (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;">]><rss version="2.0"><channel><item>'
                  b'<title>&lol2;</title></item></channel></rss>'), "entities"),
    ("bad.jsonl", b'{"text": "ok"\n', "JSON"),
])
def test_cli_extract_bad_input_is_one_clear_line_and_others_still_coded(
        runner, report, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(bad), str(report), "--published", "2024-03-12"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("tacitus:")]
    assert len(errors) == 1 and name in errors[0] and reason.lower() in errors[0].lower()
    assert "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 1  # the good report was still coded


def test_cli_extract_missing_file_is_reported(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.stderr


def test_cli_extract_bad_date_is_a_usage_error(runner, report):
    result = runner.invoke(cli, ["extract", str(report), "--published", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_evaluate_gold_prints_the_table(runner):
    result = runner.invoke(cli, ["evaluate", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)[str(GOLD)]
    assert 0.0 <= figures["events_f1"] <= 1.0
    assert figures["event_date"] > 0.5  # dates of matched events are read, not the crawl day


def test_cli_evaluate_floors_fail_when_a_figure_drops(runner, tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"gold": {"events_f1": 1.01}}))
    result = runner.invoke(cli, ["evaluate", str(GOLD), "--json", "--floors", str(floors)])
    assert result.exit_code == 1 and "below floor" in result.stderr


def test_cli_demo_codes_every_sample(runner):
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "sub-event type" in result.stdout
    assert "0 failed" in result.stdout


def test_cli_geocode_explains_the_choice(runner):
    result = runner.invoke(cli, ["geocode", "Fighting was reported in Kandahar province."])
    assert result.exit_code == 0, result.output
    assert "Afghanistan" in result.stdout and "why:" in result.stdout


# --- ingest / export / events: the SQLite store ------------------------------------------

CLASH = (
    "Soldiers clash with militants in Afgooye\n\n"
    "AFGOOYE – Al-Shabaab fighters on Monday attacked a Somali army base in Afgooye, killing two "
    "soldiers, officials said. The army said it repelled the attack after an hour of fighting.\n"
)


@pytest.fixture()
def shared_pipeline(monkeypatch, pipeline):
    """The CLI builds its own Pipeline; hand it the session's, so resources load once."""
    monkeypatch.setattr("tacitus.pipeline.Pipeline", lambda *args, **kwargs: pipeline)
    return pipeline


@pytest.fixture()
def clash(tmp_path):
    path = tmp_path / "afgooye.txt"
    path.write_text(CLASH, encoding="utf-8")
    return path


def _export(runner, db, *args):
    result = runner.invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_ingest_then_export_and_events(runner, shared_pipeline, report, tmp_path):
    db = tmp_path / "events.db"
    result = runner.invoke(cli, ["ingest", str(report), "--db", str(db), "--published", "2024-03-12",
                                 "--outlet", "Radio Jangwani"])
    assert result.exit_code == 0, result.output
    assert "1 articles stored, 0 skipped (already stored), 0 failed, 1 events stored" in result.stdout
    events = [json.loads(line) for line in _export(runner, db).splitlines()]
    assert len(events) == 1 and events[0]["location"] == "Garissa"
    assert tuple(events[0])[:31] == ACLED_COLUMNS and events[0]["evidence"]
    table = runner.invoke(cli, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "Garissa" in table.stdout and "1 of 1 events" in table.stdout


def test_cli_ingest_twice_changes_nothing(runner, shared_pipeline, report, clash, tmp_path):
    db = tmp_path / "events.db"
    args = ["ingest", str(report), str(clash), "--db", str(db), "--published", "2024-04-09"]
    assert runner.invoke(cli, args).exit_code == 0
    before = {fmt: _export(runner, db, "--format", fmt) for fmt in ("jsonl", "csv")}
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "0 articles stored, 2 skipped" in again.stdout
    # the same text under another name is the same article
    copy = tmp_path / "copy.txt"
    copy.write_text(CLASH, encoding="utf-8")
    assert "1 skipped" in runner.invoke(cli, ["ingest", str(copy), "--db", str(db)]).stdout
    for fmt, text in before.items():
        assert _export(runner, db, "--format", fmt) == text
    assert len(before["jsonl"].splitlines()) >= 2


def test_cli_ingest_bad_input_is_reported_and_the_rest_stored(runner, shared_pipeline, report, clash, tmp_path):
    db = tmp_path / "events.db"
    assert runner.invoke(cli, ["ingest", str(report), "--db", str(db), "--published", "2024-03-12"]).exit_code == 0
    before = _export(runner, db)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "ok"\n')
    result = runner.invoke(cli, ["ingest", str(bad), str(clash), str(report), "--db", str(db),
                                 "--published", "2024-04-09"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("tacitus:")]
    assert len(errors) == 1 and "bad.jsonl" in errors[0]
    assert "1 articles stored, 1 skipped (already stored), 1 failed" in result.stdout
    assert "Traceback" not in result.output
    after = _export(runner, db)
    assert all(line in after.splitlines() for line in before.splitlines())  # untouched
    assert "Afgooye" in after


def test_cli_export_and_events_filter(runner, shared_pipeline, report, clash, tmp_path):
    db = tmp_path / "events.db"
    runner.invoke(cli, ["ingest", str(report), str(clash), "--db", str(db), "--published", "2024-04-09"])
    somalia = _export(runner, db, "--country", "somalia", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(somalia)))
    assert rows and {r["country"] for r in rows} == {"Somalia"}
    assert [json.loads(x)["location"] for x in _export(runner, db, "--query", "passenger").splitlines()] == ["Garissa"]
    assert _export(runner, db, "--date-from", "2030-01-01") == ""
    assert "Al Shabaab" in _export(runner, db, "--actor", "shabaab", "--event-type", "Battles")
    table = runner.invoke(cli, ["events", "--db", str(db), "--limit", "1"])
    assert table.exit_code == 0 and "raise --limit" in table.stdout


@pytest.mark.parametrize("args, message", [
    (["--query", '"unbalanced'], "text query"),
    (["--date-from", "soon"], "YYYY-MM-DD"),
])
def test_cli_export_bad_filter_is_a_usage_error(runner, tmp_path, args, message):
    db = tmp_path / "events.db"
    from tacitus.store import SqliteStore

    with SqliteStore.open(db):
        pass
    result = runner.invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["export", "events"])
def test_cli_reading_a_missing_database_is_one_line(runner, tmp_path, command):
    result = runner.invoke(cli, [command, "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "no such database" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_cli_ingest_a_bug_on_one_article_loses_only_that_article(
        runner, shared_pipeline, report, clash, tmp_path, monkeypatch):
    import tacitus.pipeline as pipeline_module

    real = pipeline_module.explain_batch

    def fragile(articles, res, settings=pipeline_module.Settings()):
        if any("BOOM" in a.text for a in articles):
            raise ZeroDivisionError("a bug in a stage")
        return real(articles, res, settings)

    monkeypatch.setattr(pipeline_module, "explain_batch", fragile)
    bomb = tmp_path / "bomb.txt"
    bomb.write_text("BOOM. Gunmen attacked a bus in Mandera on Monday.", encoding="utf-8")
    db = tmp_path / "events.db"
    result = runner.invoke(cli, ["ingest", str(report), str(bomb), str(clash), "--db", str(db),
                                 "--published", "2024-04-09"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("tacitus:")]
    assert len(errors) == 1 and "bomb.txt" in errors[0] and "internal error" in errors[0]
    assert "2 articles stored, 0 skipped (already stored), 1 failed" in result.stdout
    exported = _export(runner, db)
    assert "Garissa" in exported and "Afgooye" in exported


EXPLAINED = (
    "Gunmen killed three traders in Mandera on Sunday, police said.\n\n"
    "The attack came as officials in Nairobi and Garissa met to discuss security.\n\n"
    "In 2011, militants stormed a hotel in Lamu, killing four.\n\n"
    "Residents expressed outrage at the attack on the market."
)


def test_cli_extract_explain_names_the_rules_behind_each_event_and_each_sentence_kept_out(runner, tmp_path):
    path = tmp_path / "mandera.txt"
    path.write_text(EXPLAINED, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2024-03-12", "--explain"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    event_1 = out.split("event 1:")[1].split("event 2:")[0]
    assert "2024-03-10 Attack at Mandera" in event_1
    assert "armed_doer_and_target    sentence 0 “Gunmen killed three traders" in event_1
    assert "kept                     reported as news" in event_1
    # the 2011 attack is shown, withheld as background with the rule's name
    assert "withheld                 background: dated" in out
    # the talk about the attack made no event, and says which rule kept it out
    assert "not an event: talked_about" in out


def test_cli_extract_show_withheld_gives_each_rows_reason_and_trace(runner, tmp_path):
    path = tmp_path / "mandera.txt"
    path.write_text(EXPLAINED, encoding="utf-8")
    shown = runner.invoke(cli, ["extract", str(path), "--published", "2024-03-12", "--show-withheld"])
    assert shown.exit_code == 0, shown.output
    rows = {r["location"]: r for r in map(json.loads, shown.stdout.splitlines())}
    assert rows["Mandera"]["withheld"] == "" and rows["Mandera"]["trace"][0] == "armed_doer_and_target@0"
    assert "'Mandera'" in rows["Mandera"]["place_reason"]
    assert rows["Lamu"]["withheld"].startswith("background: dated")
    # without the option only the kept rows come out, with the same columns
    kept = runner.invoke(cli, ["extract", str(path), "--published", "2024-03-12", "--format", "csv"])
    table = list(csv.reader(io.StringIO(kept.stdout)))
    assert table[0][-3:] == ["trace", "withheld", "place_reason"]
    assert [dict(zip(table[0], r))["location"] for r in table[1:]] == ["Mandera"]


def test_cli_extract_warns_once_when_nothing_dates_the_article(runner, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Gunmen killed three traders in Mandera, police said.", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("no publication date and none in the text") == 1
    assert str(path) in result.stderr
