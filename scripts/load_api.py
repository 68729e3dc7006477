"""Load test of the HTTP API on loopback: N requests sent all at once, then the latency
percentiles (p50, p95, p99), the slowest request and the number of errors.

Starts `tacitus serve` in a child process on a free loopback port (over --db, or over
a temporary store of the coded bundled samples), waits until it answers, sends the
requests (a mix of event pages with filters, single events, incidents, articles with
their evidence, and GeoJSON), prints the figures and stops the server. Any status
other than 200, or a failed connection, counts as an error; exit 1 when there is one.

    .venv/bin/python scripts/load_api.py [--db FILE] [--requests 200]
"""
from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import httpx

READY_TIMEOUT_S = 90.0
REQUEST_TIMEOUT_S = 60.0


def sample_store(folder: Path) -> Path:
    """A store of the bundled sample articles, coded now."""
    from tacitus.pipeline import Pipeline
    from tacitus.samples import sample_articles
    from tacitus.store import open_store
    from tacitus.types import Article

    path = folder / "samples.db"
    pipeline = Pipeline()
    with open_store(str(path)) as store:
        for item in sample_articles():
            if isinstance(item, Article):
                store.add(item, pipeline.code(item))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = Path(sys.executable).with_name("tacitus")
    return subprocess.Popen([str(command), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"load_api: the server stopped: {server.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("load_api: the server did not answer in time")


def request_mix(base: str, n: int) -> list[str]:
    """N request URLs cycling over the API's read endpoints, on ids that exist."""
    first = httpx.get(f"{base}/api/events", params={"limit": 50}, timeout=10).json()["items"]
    if not first:
        raise SystemExit("load_api: the store holds no event")
    kinds = sorted({e["event_type"] for e in first})
    quote = urllib.parse.quote
    urls = []
    for i in range(n):
        event = first[i % len(first)]
        urls.append([
            f"{base}/api/events?limit=100",
            f"{base}/api/events?event_type={quote(kinds[i % len(kinds)])}&limit=20",
            f"{base}/api/events/{quote(event['event_id_cnty'])}",
            f"{base}/api/incidents?limit=50&offset={i % 10}",
            f"{base}/api/articles/{quote(event['article_id'], safe='')}",
            f"{base}/events.geojson?country={quote(event['country'])}",
            f"{base}/api/events?date_from={event['event_date']}&limit=100",
        ][i % 7])
    return urls


async def fire(urls: list[str]) -> tuple[list[float], list[str]]:
    """Send every request at once; the latency of each, and what went wrong."""
    limits = httpx.Limits(max_connections=len(urls), max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=REQUEST_TIMEOUT_S) as client:
        async def one(url: str) -> tuple[float, str | None]:
            started = time.perf_counter()
            try:
                response = await client.get(url)
                problem = None if response.status_code == 200 else f"{response.status_code} {url}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__} {url}"
            return time.perf_counter() - started, problem

        results = await asyncio.gather(*(one(u) for u in urls))
    return [r[0] for r in results], [r[1] for r in results if r[1]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="Store to serve (default: the bundled samples, coded now).")
    parser.add_argument("--requests", type=int, default=200, help="Requests sent at once (default 200).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or sample_store(Path(folder))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_until_ready(base, server)
            urls = request_mix(base, args.requests)
            started = time.perf_counter()
            latencies, errors = asyncio.run(fire(urls))
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=20)
    ms = [x * 1000 for x in latencies]
    print(f"{len(urls)} concurrent requests on loopback in {wall:.2f} s ({len(urls) / wall:.0f} requests/s)")
    print(f"latency ms: p50 {percentile(ms, 50):.0f}  p95 {percentile(ms, 95):.0f}  "
          f"p99 {percentile(ms, 99):.0f}  max {max(ms):.0f}  mean {statistics.mean(ms):.0f}")
    print(f"errors: {len(errors)}")
    for line in errors[:10]:
        print(f"  {line}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
