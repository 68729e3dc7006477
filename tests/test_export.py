"""export: events as rows in ACLED's column order (its 31 first), then Tacitus' own; JSONL, CSV,
GeoJSON. Events here are made up for these tests."""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json

import pytest

from tacitus.export import COLUMNS, FORMATS, event_row, write, write_csv, write_geojson, write_jsonl
from tacitus.types import ACLED_COLUMNS, TACITUS_COLUMNS, Event, SourceDetail, Span

ACLED_31 = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)


def _event(cls=Event, **kw) -> Event:
    base = dict(
        article_id="art-1",
        event_date=dt.date(2021, 6, 14),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Nigeria)",
        inter1=3,
        actor2="Civilians (Nigeria)",
        inter2=7,
        civilian_targeting="Civilian targeting",
        iso=566,
        region="Western Africa",
        country="Nigeria",
        admin1="Zamfara",
        admin2="Maru",
        location="Kanoma",
        latitude=12.1,
        longitude=6.3,
        geo_precision=1,
        geonameid=123456,
        source="Lagos Ledger",
        notes="On 14 June 2021, gunmen killed 5 villagers in Kanoma (Maru, Zamfara).",
        fatalities=5,
        fatalities_low=5,
        fatalities_best=5,
        civilian_fatalities_low=5,
        url="https://example.org/a1",
        confidence=0.8,
        sources_detail=(SourceDetail("Musa Bello", "local official", "Lagos Ledger", Span(3, 8, "Bello")),),
        evidence={"fatalities": (Span(40, 58, "killed 5 villagers"),), "location": (Span(62, 68, "Kanoma"),)},
        trace=("armed_doer_and_target@0", "date:story", "place:only_place", "type:Attack from attack"),
        place_reason="'Kanoma': the only place named",
    )
    base.update(kw)
    return cls(**base)


def test_columns_are_acleds_31_first_then_tacitus():
    assert ACLED_COLUMNS == ACLED_31
    assert COLUMNS[:31] == ACLED_31
    assert COLUMNS[31:] == TACITUS_COLUMNS
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert set(FORMATS) == {"jsonl", "csv", "geojson"}


def test_event_row_on_a_plain_event():
    row = event_row(_event(cls=Event))
    assert tuple(row) == COLUMNS


def test_event_row_is_in_column_order():
    row = event_row(_event())
    assert tuple(row) == COLUMNS
    assert tuple(row)[:31] == ACLED_31


def test_event_row_derived_fields():
    row = event_row(_event())
    assert row["event_date"] == "2021-06-14"
    assert row["year"] == 2021
    assert row["interaction"] == 37  # the two inter codes, smaller first
    assert row["timestamp"] == calendar.timegm(dt.date(2021, 6, 14).timetuple())
    assert row["fatalities"] == 5
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["sources_detail"] == [{"name": "Musa Bello", "role": "local official", "outlet": "Lagos Ledger"}]
    assert row["evidence"] == {
        "fatalities": [{"start": 40, "end": 58, "text": "killed 5 villagers"}],
        "location": [{"start": 62, "end": 68, "text": "Kanoma"}],
    }
    assert row["trace"] == ["armed_doer_and_target@0", "date:story", "place:only_place", "type:Attack from attack"]
    assert (row["withheld"], row["place_reason"]) == ("", "'Kanoma': the only place named")
    assert tuple(row)[-3:] == ("trace", "withheld", "place_reason")  # after ACLED's and the other own columns


@pytest.mark.parametrize("inter1, inter2, interaction", [(1, 2, 12), (2, 1, 12), (1, None, 10), (8, 7, 78), (None, 7, None)])
def test_event_row_interaction(inter1, inter2, interaction):
    assert event_row(_event(inter1=inter1, inter2=inter2))["interaction"] == interaction


def test_event_row_without_a_date():
    row = event_row(_event(event_date=None))
    assert row["event_date"] is None and row["year"] is None and row["timestamp"] is None


def test_event_row_is_json_ready_and_stable():
    a, b = event_row(_event()), event_row(_event())
    assert json.dumps(a) == json.dumps(b)  # same input, byte-identical output


def test_event_row_killed_and_wounded_only():
    row = event_row(_event(fatalities=None, fatalities_best=None, fatalities_low=1, fatalities_high=20))
    assert row["fatalities"] is None
    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == (1, None, 20)


# --- writers --------------------------------------------------------------------------------


def test_write_jsonl():
    out = io.StringIO()
    events = [_event(), _event(location="Gusau", notes="Kanoma — “quoted”, ünïcode")]
    assert write_jsonl(events, out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    assert [tuple(r) for r in rows] == [COLUMNS, COLUMNS]
    assert rows[1]["location"] == "Gusau"
    assert "ünïcode" in lines[1]  # not escaped
    assert rows[0] == json.loads(json.dumps(event_row(events[0])))


def test_write_csv():
    out = io.StringIO()
    events = [_event(), _event(event_date=None, notes='He said, "five died"\nthen left.', latitude=None)]
    assert write_csv(events, out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 3 and all(len(r) == len(COLUMNS) for r in rows)
    first = dict(zip(rows[0], rows[1]))
    assert first["event_date"] == "2021-06-14"
    assert first["fatalities"] == "5"
    assert json.loads(first["evidence"])["location"] == [{"start": 62, "end": 68, "text": "Kanoma"}]
    assert json.loads(first["sources_detail"])[0]["name"] == "Musa Bello"
    assert json.loads(first["trace"])[0] == "armed_doer_and_target@0" and first["withheld"] == ""
    second = dict(zip(rows[0], rows[2]))
    assert second["event_date"] == "" and second["latitude"] == ""  # None -> empty cell
    assert second["notes"] == 'He said, "five died"\nthen left.'


def test_write_csv_without_header():
    out = io.StringIO()
    assert write_csv([_event()], out, header=False) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0][1] == "2021-06-14"


def test_write_csv_no_events_is_just_the_header():
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == ",".join(COLUMNS) + "\n"


def test_write_geojson():
    out = io.StringIO()
    events = [_event(), _event(latitude=None, longitude=None), _event(location="Gusau", latitude=12.2, longitude=6.7)]
    assert write_geojson(events, out) == 2  # no coordinates, no point
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 2
    f = doc["features"][0]
    assert f["type"] == "Feature"
    assert f["geometry"] == {"type": "Point", "coordinates": [6.3, 12.1]}  # longitude first
    assert tuple(f["properties"]) == COLUMNS
    assert doc["features"][1]["properties"]["location"] == "Gusau"


def test_write_geojson_empty_is_valid():
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_writers_stream_an_iterator():
    out = io.StringIO()
    assert write_jsonl((_event() for _ in range(3)), out) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_dispatches_by_format(fmt):
    out = io.StringIO()
    assert write([_event()], out, fmt) == 1
    assert out.getvalue()
