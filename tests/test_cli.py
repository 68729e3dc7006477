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
    path.write_text("Leave a Reply\n\nYour email address will not be published.\n\nfive − 1 =\n",
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
