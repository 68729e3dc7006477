"""SQLite and PostgreSQL: the same input gives the same bytes out, through the API and the CLI."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from click.testing import CliRunner

from tacitus.errors import InputError
from tacitus.export import write, write_to_file
from tacitus.serve.cli import cli
from tacitus.store import EventFilter, open_store

FILTERS = [EventFilter(), EventFilter(country="somalia"), EventFilter(event_type="PROTESTS"),
           EventFilter(actor="police"), EventFilter(text="police"), EventFilter(date_from=dt.date(2025, 6, 1)),
           EventFilter(limit=5, offset=3)]


@pytest.fixture(scope="module")
def coded_samples(pipeline):
    from tacitus.samples import sample_articles

    return [(a, pipeline.code(a)) for a in sample_articles() if not isinstance(a, InputError)]


def _everything(url: str) -> list[str]:
    out = []
    with open_store(url, create=False) as store:
        for filters in FILTERS:
            out += [str(store.count(filters)), str(store.count_incidents(filters))]
            for fmt in ("csv", "jsonl", "geojson"):
                for level_rows in (store.events(filters), (i.event for i in store.incidents(filters))):
                    buf = io.StringIO()
                    write(level_rows, buf, fmt)
                    out.append(buf.getvalue())
    return out


def test_sqlite_and_postgresql_export_the_same_bytes(coded_samples, tmp_path, postgres_url):
    outputs = []
    for url in (str(tmp_path / "samples.db"), postgres_url):
        with open_store(url) as store:
            for article, events in coded_samples:
                assert store.add(article, events, ingested_at="2025-01-01T00:00:00+00:00")
        outputs.append(_everything(url))
    sqlite_out, postgres_out = outputs
    assert sqlite_out[0] != "0" and any("Somalia" in text for text in sqlite_out)
    assert sqlite_out == postgres_out


def test_parquet_export_has_the_csv_columns_and_rows(coded_samples, tmp_path):
    import pyarrow.parquet as pq

    from tacitus.export import COLUMNS

    url = str(tmp_path / "samples.db")
    with open_store(url) as store:
        for article, events in coded_samples:
            store.add(article, events)
        n = write_to_file(store.events(), tmp_path / "events.parquet", "parquet")
        table = pq.read_table(tmp_path / "events.parquet")
        assert table.num_rows == n == store.count() > 0
        assert tuple(table.column_names) == COLUMNS
        first = next(store.events())
        assert table.column("event_id_cnty")[0].as_py() == first.event_id_cnty
        assert table.column("latitude")[0].as_py() == first.latitude


def test_cli_ingests_exports_and_lists_incidents_on_postgresql(postgres_url, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Police fired tear gas at hundreds of traders protesting new market fees in Kisumu "
                      "on Monday, witnesses said. Two protesters were injured.\n", encoding="utf-8")
    runner = CliRunner()
    args = ["--db", postgres_url]
    first = runner.invoke(cli, ["ingest", str(report), *args, "--published", "2025-03-05", "--outlet", "Radio Test"])
    assert first.exit_code == 0, first.output
    assert "1 articles stored" in first.output
    again = runner.invoke(cli, ["ingest", str(report), *args, "--published", "2025-03-05"])
    assert "0 articles stored, 1 skipped" in again.output
    exported = runner.invoke(cli, ["export", *args, "--level", "incident", "--format", "csv"])
    assert exported.exit_code == 0, exported.output
    lines = exported.output.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year") and len(lines) >= 2
    assert lines[1].startswith("I-KEN-") and "Kisumu" in lines[1]
    listed = runner.invoke(cli, ["events", *args, "--level", "incident"])
    assert "Kisumu" in listed.output and "reports" in listed.output


def test_cli_names_an_unreachable_postgresql_server():
    result = CliRunner().invoke(cli, ["events", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "cannot connect" in result.output and "secret" not in result.output
