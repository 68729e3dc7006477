"""Partitions: planned without holding articles, read back to exactly what the one-file
reader gives, with bad lines named by their line number."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tacitus.errors import InputError
from tacitus.ingest import read_inputs
from tacitus.scale.partitions import Partition, plan, read_partition

TEXT = "Gunmen attacked a bus near Mandera on Monday, killing {n} passengers, police said."


def _line(n: int) -> str:
    return json.dumps({"id": f"r{n}", "published": "2024-05-02", "text": TEXT.format(n=n)})


def _all(parts) -> list:
    out = []
    for p in parts:
        out.extend([p] if isinstance(p, InputError) else read_partition(p))
    return out


def _same(a: list, b: list) -> bool:
    return [str(x) if isinstance(x, InputError) else x for x in a] == \
           [str(x) if isinstance(x, InputError) else x for x in b]


def test_scale_jsonl_blocks_read_back_what_the_file_reader_reads(tmp_path):
    lines = [_line(n) for n in range(40)]
    lines[7] = '{"id": "cut", "text": '          # a bad line
    lines[12] = ""                                 # a blank line
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = list(plan([str(path)], block_bytes=300))
    assert len(parts) > 5 and all(isinstance(p, Partition) and p.kind == "jsonl" for p in parts)
    assert sum(p.articles for p in parts) == 39
    got = _all(parts)
    assert [e.origin for e in got if isinstance(e, InputError)] == [f"{path}:8"]
    assert _same(got, list(read_inputs([str(path)])))


def test_scale_jsonl_lines_are_cut_at_newlines_only(tmp_path):
    # U+2028 is legal inside a JSON string; str.splitlines() would cut the line there.
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"id": "sep", "text": "Clashes in Gao\u2028on Sunday."}, ensure_ascii=False)
                    + "\n" + _line(2) + "\n", encoding="utf-8")
    got = _all(plan([str(path)]))
    assert [a.id for a in got] == ["sep", "r2"] and got[0].text == "Clashes in Gao\u2028on Sunday."


def test_scale_a_line_longer_than_a_block_stays_whole(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(_line(1) + "\n" + json.dumps({"id": "big", "text": "word " * 500}) + "\n" + _line(2),
                    encoding="utf-8")  # and no newline at the end
    got = _all(plan([str(path)], block_bytes=64))
    assert [a.id for a in got] == ["r1", "big", "r2"]


def test_scale_folders_patterns_and_missing_inputs(tmp_path):
    (tmp_path / "news").mkdir()
    for n in range(5):
        (tmp_path / "news" / f"{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    (tmp_path / "news" / "more.jsonl").write_text(_line(9) + "\n", encoding="utf-8")
    parts = list(plan([str(tmp_path / "news")], files_per_part=2))
    assert [p.kind for p in parts] == ["files", "files", "files", "jsonl"]
    assert len(_all(parts)) == 6
    matched = list(plan([str(tmp_path / "news" / "*.txt")]))
    assert matched[0].paths == tuple(str(tmp_path / "news" / f"{n}.txt") for n in range(5))
    nothing = list(plan([str(tmp_path / "nope-*.jsonl")]))
    assert len(nothing) == 1 and isinstance(nothing[0], InputError) and "no file matches" in str(nothing[0])
    missing = _all(plan([str(tmp_path / "missing.jsonl")]))
    assert len(missing) == 1 and "no such file" in str(missing[0])


def test_scale_parquet_row_groups(tmp_path):
    path = tmp_path / "batch.parquet"
    table = pa.table({"id": [f"p{n}" for n in range(7)], "published": ["2024-05-02"] * 7,
                      "text": [TEXT.format(n=n) for n in range(6)] + [None]})
    pq.write_table(table, path, row_group_size=3)
    parts = list(plan([str(path)]))
    assert [(p.kind, p.start, p.articles) for p in parts] == [("parquet", 0, 3), ("parquet", 1, 3), ("parquet", 2, 1)]
    got = _all(parts)
    assert [a.id for a in got[:6]] == [f"p{n}" for n in range(6)]
    assert isinstance(got[6], InputError) and got[6].origin == f"{path}#row 7"


@pytest.mark.parametrize("body", [b"not parquet at all", b""])
def test_scale_an_unreadable_parquet_file_is_one_error(tmp_path, body):
    path = tmp_path / "bad.parquet"
    path.write_bytes(body)
    got = list(plan([str(path)]))
    assert len(got) == 1 and isinstance(got[0], InputError) and str(path) in str(got[0])


def test_scale_a_small_input_is_cut_finer_so_every_worker_stays_busy_to_the_end(tmp_path):
    from tacitus.scale.partitions import MIN_BLOCK_BYTES, PARTS_PER_WORKER, plan_for_workers

    path = tmp_path / "small.jsonl"
    lines = [json.dumps({"id": f"s{n}", "text": TEXT.format(n=n) + " filler" * 60}) for n in range(1500)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = list(plan([str(path)]))
    assert len(first) < 2 * PARTS_PER_WORKER   # the default cut: too few for two
    parts = plan_for_workers(first, [str(path)], 2)
    assert 2 * PARTS_PER_WORKER - 1 <= len(parts) <= 2 * PARTS_PER_WORKER + 1
    assert all(p.end - p.start >= MIN_BLOCK_BYTES for p in parts[:-1])
    assert _same(_all(parts), list(read_inputs([str(path)])))        # every article once, in order


def test_scale_a_large_input_keeps_its_partitions(tmp_path):
    from tacitus.scale.partitions import plan_for_workers

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(_line(n) for n in range(200)) + "\n", encoding="utf-8")
    first = list(plan([str(path)], block_bytes=300))
    assert plan_for_workers(first, [str(path)], 2, block_bytes=300) == first


def test_scale_a_folder_of_few_files_is_shared_out_file_by_file(tmp_path):
    from tacitus.scale.partitions import plan_for_workers

    for n in range(40):
        (tmp_path / f"a{n:02d}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    first = list(plan([str(tmp_path)]))
    assert len(first) == 1
    parts = plan_for_workers(first, [str(tmp_path)], 2)
    assert len(parts) == 40 and all(p.kind == "files" and len(p.paths) == 1 for p in parts)
