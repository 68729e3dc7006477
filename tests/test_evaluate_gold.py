"""evaluate_gold: matching, per-field scores, not_events and shared tolls on gold files
written for these tests (tests/gold_examples)."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from tacitus.errors import GoldError, TacitusError
from tacitus.evaluate import GoldReport, evaluate_gold
from tacitus.types import Article, Event, SourceDetail, Span

EXAMPLES = Path(__file__).parent / "gold_examples"
MARKET = EXAMPLES / "market-town.gold.json"
TWINS = EXAMPLES / "twin-villages.gold.json"


def ev(**kw) -> Event:
    """An Event with dull defaults; tests set only what they look at."""
    base = dict(article_id="a", event_date=None, time_precision=1, disorder_type="",
                event_type="", sub_event_type="", actor1="", inter1=None)
    base.update(kw)
    return Event(**base)


def span(text: str, article: str, phrase: str) -> Span:
    start = article.index(phrase)
    return Span(start, start + len(phrase), phrase)


def shelling(text: str, **kw) -> Event:
    """The market-town shelling, coded right."""
    fields = dict(
        event_date=dt.date(2021, 4, 13), event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1="al-Shabaab", inter1=2,
        actor2="Civilians (Somalia)", inter2=7, country="Somalia", iso=706,
        admin1="Bay Region", location="Baidoa", latitude=3.1138, longitude=43.6498,
        geo_precision=1, fatalities=5, fatalities_low=5, fatalities_high=None,
        civilian_fatalities_low=5, source="Example Wire",
        sources_detail=(SourceDetail("Hassan Omar", "local elder", "Example Wire"),),
        evidence={"event_type": (span("", text, "fired mortar rounds at the central market"),),
                  "fatalities": (span("", text, "killing at least five civilians"),)},
    )
    fields.update(kw)
    return ev(**fields)


def strike(text: str, **kw) -> Event:
    """The market-town air strike, coded right."""
    fields = dict(
        event_date=dt.date(2021, 4, 12), event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", actor1="Military Forces of Somalia (2017-)",
        inter1=1, actor2="Al-Shabaab", inter2=2, country="Somalia", iso=706, admin1="Bay",
        location="Bardale", geonameid=9990001, latitude=3.06, longitude=43.31,
        geo_precision=2, fatalities=12, source="Example Wire; Radio X",
        evidence={"event_type": (span("", text,
                                      "its aircraft struck militant positions near Bardale"),)},
    )
    fields.update(kw)
    return ev(**fields)


def coder_of(*per_article):
    """A fake coder: the given functions of the article text, one per article in order."""
    def coder(articles: Iterable[Article]) -> Iterable[Sequence[Event]]:
        for article, make in zip(articles, per_article):
            yield make(article.text)
    return coder


def scores(report: GoldReport) -> dict[str, tuple[int, int]]:
    return {name: (ok, total) for name, ok, total in report.field_scores()}


def test_evaluate_gold_perfect_coder_scores_every_field_right():
    report = evaluate_gold([MARKET], coder_of(lambda t: [shelling(t), strike(t)]))
    assert (report.gold_events, report.predicted_events, report.matched) == (2, 2, 2)
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    got = scores(report)
    assert got["event_date"] == (2, 2)
    assert got["geonameid"] == (1, 1)  # only the strike's gold has one
    assert got["fatalities_high"] == (1, 1)  # only the shelling's gold has the key
    assert got["sources"] == (2, 2) and got["evidence"] == (2, 2)
    assert all(ok == total for ok, total in got.values())
    assert "assoc_actor_2" not in got  # no gold event has it
    assert (report.not_events_passed, report.not_events_total) == (1, 1)


def test_evaluate_gold_article_is_raw_text_with_metadata_and_no_title():
    seen: list[Article] = []

    def coder(articles):
        for a in articles:
            seen.append(a)
            yield []

    evaluate_gold([MARKET], coder)
    (a,) = seen
    assert a.id == "market-town" and a.outlet == "Example Wire"
    assert a.published == dt.date(2021, 4, 14) and a.title == ""
    assert a.text == (EXAMPLES / "market-town.txt").read_text(encoding="utf-8")


def test_evaluate_gold_wrong_fields_unmatched_events_and_not_events():
    def wrong(t):
        background = t.index("Fighting in the region")
        return [
            shelling(t, fatalities=7, fatalities_high=9, sources_detail=(), source="Radio X",
                     evidence={"x": (Span(0, 5, "Milit"),)}),
            strike(t, event_date=dt.date(2021, 4, 13)),  # wrong day: no match
            ev(event_date=dt.date(2021, 4, 13), sub_event_type="Armed clash",
               evidence={"event_type": (Span(background, background + 8, "Fighting"),)}),
        ]

    report = evaluate_gold([MARKET], coder_of(wrong))
    assert (report.gold_events, report.predicted_events, report.matched) == (2, 3, 1)
    assert report.precision == pytest.approx(1 / 3)
    assert report.recall == 0.5
    assert report.f1 == pytest.approx(0.4)
    got = scores(report)
    assert got["fatalities"] == (0, 1)
    assert got["fatalities_high"] == (0, 1)  # gold null must be predicted None
    assert got["sources"] == (0, 1) and got["evidence"] == (0, 1)
    assert got["actor1"] == (1, 1)  # 'al-Shabaab' == 'Al Shabaab'
    assert got["admin1"] == (1, 1)  # 'Bay Region' == 'Bay'
    assert (report.not_events_passed, report.not_events_total) == (0, 1)
    text = report.render()
    assert "fatalities" in text and "gold 5 | predicted 7" in text
    assert "missed gold market-town #2" in text and "not_event coded as an event" in text
    d = report.as_dict()
    assert d["fatalities"] == 0.0 and d["actor1"] == 1.0 and d["not_events"] == 0.0
    assert d["events_matched"] == 1


def test_evaluate_gold_matched_event_may_cite_a_not_event():
    def citing(t):
        bg = t.index("Fighting in the region")
        return [shelling(t, evidence={"x": (Span(bg, bg + 8, "Fighting"),)}), strike(t)]

    report = evaluate_gold([MARKET], coder_of(citing))
    assert report.not_events_passed == 1


def test_evaluate_gold_equal_geonameid_matches_beyond_25_km():
    report = evaluate_gold([MARKET], coder_of(lambda t: [strike(t, latitude=5.0)]))
    assert report.matched == 1
    far = evaluate_gold([MARKET], coder_of(lambda t: [strike(t, latitude=5.0, geonameid=1)]))
    assert far.matched == 0


def twin(location: str, lat: float, lon: float, fatalities: int) -> Event:
    return ev(event_date=dt.date(2022, 1, 7), sub_event_type="Air/drone strike",
              location=location, latitude=lat, longitude=lon, fatalities=fatalities)


@pytest.mark.parametrize(
    ("alpha", "beta", "ok"),
    [(12, 8, 1), (10, 10, 1), (20, 20, 0), (20, 0, 0), (5, 5, 0)],
)
def test_evaluate_gold_shared_toll_is_one_check_per_group(alpha, beta, ok):
    preds = [twin("Alpha", 10.0, 20.0, alpha), twin("Beta", 10.05, 20.05, beta)]
    report = evaluate_gold([TWINS], coder_of(lambda t: preds))
    assert scores(report)["fatalities_shared"] == (ok, 1)


def test_evaluate_gold_greedy_match_takes_the_nearest_place():
    # Both predictions lie within 25 km of both gold places (8 km apart); each must
    # pair with its own place whatever the order.
    preds = [twin("Beta", 10.05, 20.05, 8), twin("Alpha", 10.0, 20.0, 12)]
    report = evaluate_gold([TWINS], coder_of(lambda t: preds))
    assert report.matched == 2
    assert scores(report)["location"] == (2, 2)


def test_evaluate_gold_shared_toll_fails_when_one_place_is_missed():
    report = evaluate_gold([TWINS], coder_of(lambda t: [twin("Alpha", 10.0, 20.0, 20)]))
    assert scores(report)["fatalities_shared"] == (0, 1)
    none = evaluate_gold([TWINS], coder_of(lambda t: []))
    assert "fatalities_shared" not in scores(none)


def test_evaluate_gold_text_key_and_several_files_add_up():
    def coder(articles):
        for a in articles:
            if a.id == "twin-villages":
                assert a.text.startswith("Drone strikes hit Alpha")
                yield [twin("Alpha", 10.0, 20.0, 12)]
            else:
                yield [shelling(a.text)]

    report = evaluate_gold([EXAMPLES], coder)
    assert report.documents == 2
    assert (report.gold_events, report.predicted_events, report.matched) == (4, 2, 2)
    assert report.recall == 0.5 and report.precision == 1.0


def test_evaluate_gold_coder_must_answer_every_article():
    with pytest.raises(TacitusError):
        evaluate_gold([EXAMPLES], lambda articles: iter([[]]))


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"events": "nope"}), json.dumps({"events": [{"x": 1}]}),
     json.dumps({"events": [], "text": "t", "published": "June"})],
)
def test_evaluate_gold_bad_file_raises_gold_error(tmp_path, content):
    path = tmp_path / "bad.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError):
        evaluate_gold([path], coder_of(lambda t: []))


def test_evaluate_gold_missing_text_raises_gold_error(tmp_path):
    path = tmp_path / "lonely.gold.json"
    path.write_text(json.dumps({"events": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="lonely.txt"):
        evaluate_gold([path], coder_of(lambda t: []))


def test_evaluate_gold_render_is_a_table_of_fields():
    report = evaluate_gold([MARKET], coder_of(lambda t: [shelling(t), strike(t)]))
    lines = report.render().splitlines()
    assert any(line.split()[:3] == ["event_date", "2/2", "100.0%"] for line in lines)
    assert ["2", "2", "2", "100.0%", "100.0%", "100.0%"] in [line.split() for line in lines]
    assert "not_events passed: 1/1" in lines


def test_evaluate_gold_render_says_when_nothing_was_matched():
    text = evaluate_gold([MARKET], coder_of(lambda t: [])).render()
    assert "no gold event was matched" in text
    assert "missed gold market-town #1 2021-04-13 Baidoa" in text


@pytest.mark.parametrize("gold_date, gold_precision, predicted_date, predicted_precision, same", [
    ("2024-03-04", 1, dt.date(2024, 3, 4), 1, True),
    ("2024-03-04", 1, dt.date(2024, 3, 5), 1, False),
    ("2024-03-04", 2, dt.date(2024, 3, 9), 1, True),   # a week: up to six days apart
    ("2024-03-04", 2, dt.date(2024, 3, 11), 1, False),
    ("2024-03-04", 1, dt.date(2024, 3, 2), 2, True),   # the prediction's own week counts too
    ("2024-03-04", 3, dt.date(2024, 3, 30), 1, True),  # a month
    ("2024-03-04", 3, dt.date(2024, 4, 1), 1, False),
])
def test_evaluate_gold_dates_match_within_their_time_precision(gold_date, gold_precision, predicted_date,
                                                               predicted_precision, same):
    from types import MappingProxyType

    from tacitus.evaluate.gold import GoldEvent
    from tacitus.evaluate.gold_score import same_time

    gold = GoldEvent(0, MappingProxyType({"event_date": dt.date.fromisoformat(gold_date),
                                          "time_precision": gold_precision}))
    assert same_time(gold, ev(event_date=predicted_date, time_precision=predicted_precision)) is same
