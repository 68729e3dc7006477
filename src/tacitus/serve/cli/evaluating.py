"""`tacitus evaluate`: score extraction against gold files or ACLED notes, with floors."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first N rows of an ACLED file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of tables.")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON file of minimum figures; exit 1 when any figure falls below its floor.")
def evaluate(paths, limit, as_json, floors):
    """Score extraction against gold files (*.gold.json) or ACLED CSVs with notes.

    Every figure is printed beside the most-frequent-answer baseline.

    \b
        tacitus evaluate tests/gold
        tacitus evaluate ../shared/fixtures/acled/afghanistan-2020-03.csv --limit 200
    """
    from tacitus.evaluate import evaluate_paths
    from tacitus.pipeline import Pipeline
    from tacitus.scale.progress import Bar, ticking
    from tacitus.settings import Settings

    # The scorers see withheld events too: gold scoring drops them, ACLED scoring reads
    # each note's fields from them and counts only the kept ones as events.
    pipeline = Pipeline(Settings(show_withheld=True))
    with Bar("evaluating") as bar:
        reports = evaluate_paths(list(paths), lambda arts: ticking(pipeline.code_many(arts), bar, len), limit=limit)
    figures = {str(p): r.as_dict() for p, r in zip(paths, reports)}
    if as_json:
        click.echo(json.dumps(figures, indent=1))
    else:
        for path, report in zip(paths, reports):
            click.echo(f"== {path}")
            click.echo(report.render())
    if floors is not None:
        below = check_floors(figures, json.loads(floors.read_text(encoding="utf-8")))
        for line in below:
            click.echo(f"tacitus: below floor: {line}", err=True)
        if below:
            sys.exit(1)


def check_floors(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Figures under their pinned floors, matched by the file name of each evaluated path."""
    by_name = {Path(p).name: f for p, f in figures.items()}
    below = []
    for name, minimums in floors.items():
        got = by_name.get(name)
        if got is None:
            continue
        for key, floor in minimums.items():
            if got.get(key, 0.0) + 1e-9 < floor:
                below.append(f"{name} {key} = {got.get(key, 0.0):.3f} < {floor:.3f}")
    return below
