"""ACLED users' scripts on Tacitus exports: ACLED's column names, order and dtypes as
pandas reads them, the population columns (--columns acled-full), the HXL tag row, and
the kind of analysis ACLED users write. Articles here are written for these tests."""
from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from tacitus.ingest import article_from_text
from tacitus.population import POPULATION_COLUMNS, PopulationIndex
from tacitus.serve.cli import cli
from tacitus.store import open_store
from tacitus.types import ACLED_COLUMNS, TACITUS_COLUMNS

from test_api import fill_with_samples

# How pandas reads each of ACLED's columns in ACLED's own files: integer codes and counts,
# float coordinates, the rest text.
ACLED_INTEGERS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                  "fatalities", "timestamp")
ACLED_FLOATS = ("latitude", "longitude")
UNDATED = ("Protesters block road in Nakuru\n\n"
           "Hundreds of traders blocked the main road in Nakuru town on Monday to protest against new "
           "market fees, witnesses said.\n")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    db = fill_with_samples(tmp_path_factory.mktemp("acled") / "samples.db", pipeline)
    undated = article_from_text(UNDATED, outlet="Rift Valley Times")
    with open_store(str(db)) as store:
        store.add(undated, pipeline.code(undated))
    return db


def _export(db, *args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def acled_csv(store_path) -> str:
    return _export(store_path, "--format", "csv", "--columns", "acled-full")[0]


def _text_like(series: pd.Series) -> bool:
    """Text as pandas reads it: a string column, or a column ACLED leaves all blank."""
    return pd.api.types.is_string_dtype(series) or bool(series.isna().all())


def _check_acled_dtypes(frame: pd.DataFrame) -> None:
    assert tuple(frame.columns[:35]) == ACLED_COLUMNS + POPULATION_COLUMNS
    for column in ACLED_INTEGERS:
        assert frame[column].dtype == "int64", (column, frame[column].dtype)
    for column in ACLED_FLOATS:
        assert frame[column].dtype == "float64", column
    for column in set(ACLED_COLUMNS) - set(ACLED_INTEGERS) - set(ACLED_FLOATS):
        assert _text_like(frame[column]), (column, frame[column].dtype)
    assert pd.api.types.is_string_dtype(frame["event_date"])
    for column in ("population_1km", "population_2km", "population_5km", "population_best"):
        assert frame[column].dtype == "int64", column


def test_acled_csv_has_acleds_columns_order_and_dtypes(acled_csv):
    frame = pd.read_csv(io.StringIO(acled_csv))
    _check_acled_dtypes(frame)
    assert tuple(frame.columns[35:]) == TACITUS_COLUMNS
    assert (frame["population_best"] >= 0).all() and (frame["population_5km"] >= frame["population_1km"]).all()
    # what ACLED writes for an event without a second actor
    lone = frame[frame["actor2"].isna()]
    assert len(lone) and (lone["inter2"] == 0).all() and (lone["interaction"] == lone["inter1"] * 10).all()


def test_acled_jsonl_and_parquet_read_with_the_same_columns(store_path, tmp_path):
    jsonl, _ = _export(store_path, "--format", "jsonl", "--columns", "acled-full")
    frame = pd.read_json(io.StringIO(jsonl), lines=True, dtype=False)
    assert tuple(frame.columns[:35]) == ACLED_COLUMNS + POPULATION_COLUMNS
    path = tmp_path / "events.parquet"
    _export(store_path, "--format", "parquet", "--columns", "acled-full", "-o", str(path))
    parquet = pd.read_parquet(path)
    assert tuple(parquet.columns[:35]) == ACLED_COLUMNS + POPULATION_COLUMNS
    assert parquet["inter2"].dtype == "int64" and parquet["population_best"].dtype == "int64"


def test_acled_analysis_script_runs_unchanged_on_an_export(acled_csv, store_path):
    """The way ACLED users write it: admin1 by month, fatalities summed, event types pivoted."""
    df = pd.read_csv(io.StringIO(acled_csv))
    df["month"] = df["event_date"].str[:7]
    by_admin = df.groupby(["admin1", "month"])["fatalities"].sum().reset_index()
    pivot = df.pivot_table(index="country", columns="event_type", values="event_id_cnty",
                           aggfunc="count", fill_value=0)
    exposed = df.groupby("event_type")["population_best"].sum()
    with open_store(str(store_path)) as store:
        events = [e for e in store.events() if e.event_date is not None]
    assert by_admin["fatalities"].sum() == sum(e.fatalities for e in events if e.admin1)
    assert int(pivot.to_numpy().sum()) == len(events)
    assert set(exposed.index) == {e.event_type for e in events}
    assert pd.to_datetime(df["event_date"]).notna().all()


def test_acled_csv_leaves_out_undated_events_and_says_so(store_path):
    out, err = _export(store_path, "--format", "csv", "--query", "Nakuru")
    assert "1 events without a date left out" in err
    assert pd.read_csv(io.StringIO(out)).empty
    kept, _ = _export(store_path, "--format", "csv", "--query", "Nakuru", "--include-undated")
    frame = pd.read_csv(io.StringIO(kept))
    assert len(frame) == 1 and frame["event_date"].isna().all()


def test_acled_hxl_row_is_under_the_header_and_valid(store_path):
    out, _ = _export(store_path, "--format", "csv", "--columns", "acled-full", "--hxl")
    lines = out.splitlines()
    tags = lines[1].split(",")
    assert len(tags) == len(lines[0].split(","))
    assert tags[:3] == ["#event+code", "#date+occurred", "#date+year"]
    assert all(re.fullmatch(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*", t) for t in tags), tags
    # HDX users drop the tag row; the rest reads as usual
    _check_acled_dtypes(pd.read_csv(io.StringIO(out), skiprows=[1]))


def test_acled_hxl_needs_csv(store_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(store_path), "--format", "jsonl", "--hxl"])
    assert result.exit_code == 2 and "--hxl" in result.output


class _Towns:
    """A gazetteer of three towns: one at the event, one 1.5 km away, one 4 km away."""

    def city_points(self):
        return [(10.0, 20.0, 1000), (10.0135, 20.0, 200), (10.036, 20.0, 50), (40.0, 20.0, 9)]


@pytest.mark.parametrize(("event_type", "best"), [
    ("Protests", 1000), ("Battles", 1200), ("Explosions/Remote violence", 1250)])
def test_population_within_1_2_5_km_and_best_by_event_type(event_type, best):
    from test_export import _event

    index = PopulationIndex.from_gazetteer(_Towns())
    assert index.within(10.0, 20.0) == (1000, 1200, 1250)
    row = index.columns(_event(latitude=10.0, longitude=20.0, event_type=event_type))
    assert row == {"population_1km": 1000, "population_2km": 1200, "population_5km": 1250, "population_best": best}
    assert set(index.columns(_event(latitude=None, longitude=None)).values()) == {None}


def test_api_offers_the_population_columns_and_the_hxl_csv(store_path):
    from test_api import TestClient, create_app

    with TestClient(create_app(str(store_path), None)) as client:
        plain = client.get("/api/events", params={"limit": 2}).json()["items"][0]
        assert "population_best" not in plain
        full = client.get("/api/events", params={"limit": 2, "columns": "acled-full"}).json()["items"][0]
        assert list(full)[:35] == list(ACLED_COLUMNS + POPULATION_COLUMNS)
        incident = client.get("/api/incidents", params={"limit": 1, "columns": "acled-full"}).json()
        assert "population_1km" in incident["items"][0]["event"]
        csv_text = client.get("/events.csv", params={"columns": "acled-full", "hxl": "true"}).text
        assert csv_text.splitlines()[1].startswith("#event+code,#date+occurred")
        _check_acled_dtypes(pd.read_csv(io.StringIO(csv_text), skiprows=[1]))
        assert client.get("/events.csv", params={"columns": "nonsense"}).status_code == 422


def test_acled_fields_source_scale_tags_and_associated_actors(pipeline):
    protest = article_from_text(
        "Teachers march in Eldoret\n\nELDORET – About 300 teachers marched through Eldoret town on "
        "Tuesday to demand unpaid salaries, a union official said.\n",
        published="2024-05-08", outlet="Reuters")
    attack = article_from_text(
        "Gunmen storm school in Zamfara\n\nGunmen on Monday attacked a girls' school in Kaura Namoda, "
        "Zamfara state, and abducted 20 schoolgirls, police said.\n",
        published="2024-05-08", outlet="Premium Times")
    joint = article_from_text(
        "Malian troops and Wagner fighters attack Djenne villagers\n\nMalian soldiers and Wagner "
        "mercenaries attacked the village of Djenne on Sunday, killing 14 civilians, residents said.\n",
        published="2024-05-08", outlet="Jeune Afrique")
    (march,) = pipeline.code(protest)
    assert march.tags == "crowd size=about 300" and march.source_scale == "International"
    assert [s.text for s in march.evidence["tags"]] == ["About 300"]
    abduction = next(e for e in pipeline.code(attack) if e.event_type == "Violence against civilians")
    assert "women targeted: girls" in abduction.tags.split("; ") and abduction.source_scale == "National"
    (raid,) = [e for e in pipeline.code(joint) if e.event_type == "Violence against civilians"]
    assert raid.actor1.startswith("Military Forces of Mali") and raid.assoc_actor_1 == "Wagner Group"
    assert raid.source_scale == "Regional"


def test_acled_source_scale_of_several_outlets_is_acleds_pair():
    from tacitus.outlets import combine_scales

    assert combine_scales(["National", "International", "National"]) == "National-International"
    assert combine_scales(["Subnational-National", "Regional"]) == "Subnational-Regional"
    assert combine_scales(["", "National"]) == "National" and combine_scales([""]) == ""
