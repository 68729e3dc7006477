"""Polite HTTP for feeds and article pages (httpx).

Every request has timeouts and an overall deadline, a size cap (checked on the declared
length and again while reading), a bounded number of redirects and a User-Agent naming
Tacitus. A feed is fetched conditionally (If-None-Match / If-Modified-Since), so an
unchanged feed costs one short 304. At most one request at a time goes to a host, with a
pause between two; a host that answers 429 or 503 with Retry-After is left alone until
then. No exception escapes ``Fetcher.get``: every failure is a ``Fetched`` with a reason.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from typing import Iterator, Literal
from urllib.parse import urlsplit

import httpx

# Statuses that mean "come back later" rather than "this is broken".
BUSY = frozenset({429, 503})


@dataclass(frozen=True, slots=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # longest silence between two chunks of an answer
    deadline: float = 60.0      # longest a whole request may take, however it trickles in
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    host_delay: float = 1.0     # seconds between two requests to one host
    contact: str = ""           # a URL or e-mail for the User-Agent, so publishers can reach you


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer, or why there is none. ``status`` is the HTTP status (0: no answer)."""

    url: str
    outcome: Literal["ok", "not_modified", "failed", "deferred"]
    status: int = 0
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    reason: str = ""
    retry_after: float | None = None  # seconds, when the server asked to wait
    transient: bool = False  # a failure that may go away by asking later (timeouts, 5xx, 429)

    @property
    def permanent(self) -> bool:
        """A failure that asking again will not mend (gone, refused, too big, a bad URL)."""
        return self.outcome == "failed" and not self.transient


def user_agent(contact: str = "") -> str:
    version = metadata.version("tacitus")
    extra = f"; +{contact}" if contact else ""
    return f"Tacitus/{version} (news feed watcher for conflict event coding{extra}) httpx/{httpx.__version__}"


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Retry-After as seconds from ``now``: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


class _Hosts:
    """One request at a time per host, a pause between two, and the hosts that asked to wait."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._until: dict[str, float] = {}

    def waiting(self, host: str) -> float:
        """Seconds this host asked us to stay away for (0 when free)."""
        with self._lock:
            return max(0.0, self._until.get(host, 0.0) - time.monotonic())

    def hold(self, host: str, seconds: float) -> None:
        with self._lock:
            self._until[host] = max(self._until.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            pause = self._last.get(host, -1e9) + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


class Fetcher:
    """An HTTP client shared by the watcher's threads. Close it (or use ``with``)."""

    def __init__(self, settings: FetchSettings = FetchSettings(), transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._hosts = _Hosts(settings.host_delay)
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        self._client = httpx.Client(follow_redirects=True, max_redirects=settings.max_redirects, timeout=timeout,
                                    headers={"User-Agent": user_agent(settings.contact)}, transport=transport)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Fetched:
        """GET ``url`` (conditionally when validators are given), politely."""
        host = (urlsplit(url).hostname or "").lower()
        wait = self._hosts.waiting(host)
        if wait > 0:
            return Fetched(url, "deferred", reason=f"{host} asked to wait {wait:.0f} s more", retry_after=wait,
                           transient=True)
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._hosts.turn(host):
            fetched = self._get(url, headers)
        if fetched.outcome == "failed" and fetched.status in BUSY and fetched.retry_after:
            self._hosts.hold(host, fetched.retry_after)
        return fetched

    def _get(self, url: str, headers: dict[str, str]) -> Fetched:
        s = self.settings
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response)
        except httpx.TimeoutException:
            return Fetched(url, "failed", reason=f"timed out (no answer within {s.read_timeout:g} s)", transient=True)
        except httpx.TooManyRedirects:
            return Fetched(url, "failed", reason=f"more than {s.max_redirects} redirects")
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return Fetched(url, "failed", reason=f"bad URL ({exc})")
        except httpx.HTTPError as exc:
            return Fetched(url, "failed", reason=f"cannot connect ({type(exc).__name__}: {exc or 'no detail'})",
                           transient=True)

    def _answer(self, url: str, response: httpx.Response) -> Fetched:
        s = self.settings
        status = response.status_code
        if status == 304:
            return Fetched(url, "not_modified", status, etag=response.headers.get("ETag", ""),
                           last_modified=response.headers.get("Last-Modified", ""))
        if status >= 400 or status < 200:
            wait = retry_after_seconds(response.headers.get("Retry-After"), dt.datetime.now(dt.timezone.utc))
            return Fetched(url, "failed", status, reason=f"HTTP {status} {response.reason_phrase}".rstrip(),
                           retry_after=wait if status in BUSY else None, transient=status in BUSY or status >= 500
                           or status == 408)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > s.max_bytes:
            return Fetched(url, "failed", status, reason=f"larger than the {_size(s.max_bytes)} cap ({_size(int(declared))})")
        started, chunks, size = time.monotonic(), [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > s.max_bytes:
                return Fetched(url, "failed", status, reason=f"larger than the {_size(s.max_bytes)} cap")
            if time.monotonic() - started > s.deadline:
                return Fetched(url, "failed", status, reason=f"too slow (not complete after {s.deadline:g} s)",
                               transient=True)
            chunks.append(chunk)
        return Fetched(url, "ok", status, b"".join(chunks), response.headers.get("ETag", ""),
                       response.headers.get("Last-Modified", ""))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"
