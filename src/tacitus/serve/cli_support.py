"""Checks the command line makes before it acts: a port that is free, a publication
date that is plausible, an event id given in any case, and what a type
correction leaves to change."""
from __future__ import annotations

import datetime as dt
import errno
import socket

from collections.abc import Iterator
from contextlib import contextmanager

import click

from tacitus.review_rules import Change, typing_consequences


def iso_date(ctx, param, value: str | None) -> dt.date | None:
    """A date option in YYYY-MM-DD form."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def published_date(ctx, param, value: str | None) -> dt.date | None:
    """--published: a date in YYYY-MM-DD form. One before 1900 or more than a day or two
    ahead is refused (as it is in a source); one just ahead is kept but warned about,
    because every relative date in the article ("on Monday") is read against it."""
    from tacitus.ingest.text import implausible_published

    day = iso_date(ctx, param, value)
    problem = day and implausible_published(day, dt.date.today())
    if problem:
        raise click.BadParameter(problem)
    if day is not None and day > dt.date.today():
        click.echo(f"tacitus: warning: --published {value} is in the future; the article's relative dates "
                   "('on Monday') are read against it", err=True)
    return day


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is busy (another server is using it)"
            return f"cannot listen on {host}:{port} ({exc.strerror or exc})"
    return None


def require_free_port(host: str, port: int, how: str) -> None:
    problem = port_problem(host, port)
    if problem is not None:
        raise click.UsageError(f"{problem}; choose another port, e.g. {how}")


def event_id(store, given: str) -> str:
    """The stored id for an event or incident id typed in any case ("ken-919447d3e8")."""
    given = given.strip()
    for candidate in (given, given.upper()):
        if store.event(candidate) is not None or store.incident(candidate) is not None:
            return candidate
    return given


def follow_ups(store, event_id_: str, db: str, who: str, apply: bool) -> list[str]:
    """After a type correction: the actor changes ACLED's rules now call for, applied
    (``apply``) or said as the commands that make them."""
    event = store.event(event_id_)
    changes = typing_consequences(event) if event is not None else ()
    lines = []
    for change in changes:
        if apply and change.value is not None:
            made = store.correct(event_id_, change.field, change.value, who=who,
                                 note=f"follows from the type correction: {change.why}")
            lines.append(f"also set {made.field}: {made.old_value!r} -> {made.value!r} ({change.why})")
        else:
            lines.append(_advice(change, event_id_, db, who))
    if changes and not apply and any(c.value is not None for c in changes):
        lines.append("(or repeat the correction with --with-actors to make these changes too)")
    return lines


def _advice(change: Change, event_id_: str, db: str, who: str) -> str:
    value = change.value if change.value is not None else "NAME" if change.field.startswith("actor") else "CODE"
    return (f"also needed: {change.why}:\n    tacitus review correct --db {db} {event_id_} {change.field} "
            f"{_quote(value)} --who {_quote(who)}")


def _quote(text: str) -> str:
    return f"'{text}'" if not text or any(c in text for c in " ()'\"") else text


class StoreProblem(click.ClickException):
    """A database that cannot be opened or a query it refuses: a usage error, exit 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"tacitus: {self.message}", err=True)


@contextmanager
def store_errors() -> Iterator[None]:
    from tacitus.store import StoreError

    try:
        yield
    except StoreError as exc:
        raise StoreProblem(str(exc)) from None
