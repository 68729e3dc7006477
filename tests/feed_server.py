"""A loopback HTTP server for the watcher's tests: each test says what every path
answers (status, headers, body, a delay, conditional answers) and reads the request log."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0         # seconds before answering
    etag: str = ""             # answer 304 to a matching If-None-Match
    last_modified: str = ""    # answer 304 to a matching If-Modified-Since
    declare_length: bool = True


@dataclass(frozen=True)
class Request:
    path: str
    if_none_match: str
    if_modified_since: str
    user_agent: str


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up early (a size cap, a timeout) is what some tests do


class FeedServer:
    """``server.routes[path] = Route(...)``; ``server.url(path)``; ``server.log``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                owner.log.append(Request(self.path, self.headers.get("If-None-Match", ""),
                                         self.headers.get("If-Modified-Since", ""),
                                         self.headers.get("User-Agent", "")))
                route = owner.routes.get(self.path)
                if route is None:
                    return self._send(404, {"Content-Type": "text/plain"}, b"no such page")
                if route.delay:
                    time.sleep(route.delay)
                validators = {k: v for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified)) if v}
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or \
                        (route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                    return self._send(304, validators, b"")
                headers = {"Content-Type": route.content_type, **validators, **route.headers}
                self._send(route.status, headers, route.body, route.declare_length)

            def _send(self, status: int, headers: dict[str, str], body: bytes, declare: bool = True) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if declare:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a size cap or a timeout): expected

            def log_message(self, *args) -> None:
                pass

        self._server = _Quiet(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def http_date(epoch: float) -> str:
    return formatdate(epoch, usegmt=True)
