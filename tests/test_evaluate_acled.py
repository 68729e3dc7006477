"""evaluate_acled on small invented ACLED-shaped files (tests/gold_examples/acled-*.csv)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from tacitus.errors import GoldError, TacitusError
from tacitus.evaluate import AcledReport, GoldReport, evaluate_acled, evaluate_paths
from tacitus.evaluate.acled import parse_acled_date
from tacitus.types import Article, Event

EXAMPLES = Path(__file__).parent / "gold_examples"
DMY = EXAMPLES / "acled-dmy.csv"
LONG = EXAMPLES / "acled-long-dates.csv"


def ev(**kw) -> Event:
    base = dict(article_id="a", event_date=None, time_precision=1, disorder_type="",
                event_type="", sub_event_type="", actor1="", inter1=None)
    base.update(kw)
    return Event(**base)


CLASH = dict(event_type="Battles", sub_event_type="Armed clash")
ATTACK = dict(event_type="Violence against civilians", sub_event_type="Attack")
REBELS = dict(actor1="Rebels of Xland", inter1=2)

# EX1 right (plus one wrong extra event), EX2 wrong sub-type and date, EX3 nothing,
# EX4 right but 11 km off and one death too many.
PREDICTIONS: dict[str, list[Event]] = {
    "EX1": [
        ev(**ATTACK, **REBELS, latitude=1.0, longitude=30.0, event_date=dt.date(2021, 3, 5)),
        ev(**CLASH, **REBELS, admin1="North Province", latitude=1.0, longitude=30.0,
           geo_precision=1, fatalities=3, event_date=dt.date(2021, 3, 5)),
    ],
    "EX2": [ev(**ATTACK, **REBELS, admin1="North", latitude=1.5, longitude=30.0,
               geo_precision=2, event_date=dt.date(2021, 3, 7))],
    "EX3": [],
    "EX4": [ev(**ATTACK, actor1="Unidentified Armed Group (Xland)", inter1=3, admin1="North",
               latitude=2.1, longitude=31.0, geo_precision=1, fatalities=2,
               event_date=dt.date(2021, 3, 7))],
}


def fake_coder(articles: Iterable[Article]) -> Iterator[Sequence[Event]]:
    for article in articles:
        yield PREDICTIONS.get(article.id, [])


EXPECTED = {  # figure: (tacitus, baseline, rows)
    "event_type": (0.5, 0.5, 4),
    "sub_event_type": (0.5, 0.5, 4),
    "sub_event_type_f1": (0.5, 1 / 3, 4),
    "actor1": (0.75, 0.5, 4),
    "inter1": (0.75, 0.5, 4),
    "location_25km": (0.75, 0.5, 4),
    "location_25km_geo1": (2 / 3, 2 / 3, 3),
    "admin1": (0.75, 0.75, 4),
    "event_date": (0.5, 0.5, 4),
    "geo_precision": (0.75, 0.75, 4),
    "fatalities": (0.5, 0.5, 4),
    "fatalities_with_deaths": (0.5, 0.5, 2),
    "events_precision": (0.5, 0.25, 4),
    "events_recall": (0.5, 0.25, 4),
    "events_f1": (0.5, 0.25, 4),
}


@pytest.fixture(scope="module")
def report() -> AcledReport:
    return evaluate_acled(DMY, fake_coder)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_evaluate_acled_figure_beside_baseline(report, key):
    figures = {f.key: f for f in report.figures}
    value, baseline, rows = EXPECTED[key]
    assert figures[key].value == pytest.approx(value)
    assert figures[key].baseline == pytest.approx(baseline)
    assert figures[key].n == rows


def test_evaluate_acled_counts_and_dict(report):
    assert (report.rows, report.skipped, report.predicted_events) == (4, 0, 4)
    assert [f.key for f in report.figures] == list(EXPECTED)
    d = report.as_dict()
    assert d["rows"] == 4 and d["predicted_events"] == 4
    assert d["actor1"] == 0.75 and d["actor1.baseline"] == 0.5
    assert all(isinstance(v, (int, float)) for v in d.values())


def test_evaluate_acled_confusions_and_wrong_rows(report):
    assert report.confusions == (("Armed clash", "Attack", 1), ("Peaceful protest", "(none)", 1))
    examples = dict(report.examples)
    assert [line.split(":")[0] for line in examples["sub_event_type"]] == ["EX2", "EX3"]
    assert [line.split(":")[0] for line in examples["fatalities"]] == ["EX3", "EX4"]
    assert [line.split(":")[0] for line in examples["location"]] == ["EX3"]
    assert examples["event_date"][0].startswith("EX2: gold 2021-03-06 | predicted 2021-03-07")


def test_evaluate_acled_render_shows_figures_baselines_and_errors(report):
    text = report.render()
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
    assert rows["actor1"][:4] == ["actor1", "4", "75.0%", "50.0%"]
    assert rows["events_f1"][:4] == ["events_f1", "4", "50.0%", "25.0%"]
    assert " ".join(rows["actor1"][4:]) == "Rebels of Xland"  # the baseline's answer
    assert "rows/s" in text and "Wrong rows: location" in text
    assert "Peaceful protest" in text and "(none)" in text


def test_evaluate_acled_articles_are_notes_published_the_day_after():
    seen: list[Article] = []

    def coder(articles):
        assert iter(articles) is articles  # a generator, not a list: memory stays flat
        for a in articles:
            seen.append(a)
            yield []

    evaluate_acled(DMY, coder, limit=2)
    assert [a.id for a in seen] == ["EX1", "EX2"]
    first = seen[0]
    assert first.published == dt.date(2021, 3, 6)
    assert first.outlet == "Wire One" and first.url == ""
    assert first.text.startswith("On 5 March 2021, rebels clashed")


def test_evaluate_acled_no_prediction_gets_every_field_wrong():
    report = evaluate_acled(DMY, lambda articles: ([] for _ in articles))
    assert all(f.value == 0.0 for f in report.figures)
    assert report.confusions[0] == ("Armed clash", "(none)", 2)


def test_evaluate_acled_long_dates_and_a_broken_row_is_skipped():
    def coder(articles):
        for a in articles:
            yield [ev(**CLASH, **REBELS, latitude=1.0, longitude=30.0,
                      event_date=dt.date(2020, 3, 21), fatalities=2)]

    report = evaluate_acled(LONG, coder)
    assert (report.rows, report.skipped) == (1, 1)
    figures = {f.key: f.value for f in report.figures}
    assert figures["event_date"] == 1.0 and figures["fatalities"] == 1.0


@pytest.mark.parametrize(
    ("text", "date"),
    [("31-12-19", dt.date(2019, 12, 31)), ("05-03-21", dt.date(2021, 3, 5)),
     ("21 March 2020", dt.date(2020, 3, 21)), ("2020-03-21", dt.date(2020, 3, 21))],
)
def test_evaluate_acled_parse_date(text, date):
    assert parse_acled_date(text) == date


def test_evaluate_acled_missing_columns_raise_gold_error(tmp_path):
    path = tmp_path / "thin.csv"
    path.write_text("event_id_cnty,notes\nX1,hello\n", encoding="utf-8")
    with pytest.raises(GoldError, match="missing columns"):
        evaluate_acled(path, fake_coder)


def test_evaluate_acled_coder_with_too_many_answers_is_an_error():
    with pytest.raises(TacitusError):
        evaluate_acled(DMY, lambda articles: iter([[]] * 9))


def test_evaluate_paths_dispatches_on_kind(tmp_path):
    reports = evaluate_paths([DMY, EXAMPLES / "twin-villages.gold.json"], fake_coder, limit=1)
    assert isinstance(reports[0], AcledReport) and reports[0].rows == 1
    assert isinstance(reports[1], GoldReport) and reports[1].gold_events == 2
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GoldError):
        evaluate_paths([tmp_path / "notes.txt"], fake_coder)
    with pytest.raises(GoldError):
        evaluate_paths([tmp_path], fake_coder)  # a folder without gold files
