"""A PostgreSQL server for the tests: the one TACITUS_TEST_POSTGRES names, or a private
throwaway cluster started from Debian's postgresql binaries, or none (tests skip, saying why).

The private cluster lives in a temporary folder, listens on loopback only and is stopped
when the test session ends. As root, it runs as the `postgres` user (initdb refuses root).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Server:
    url: str  # of the maintenance database, for CREATE DATABASE
    stop: callable

    def database_url(self, name: str) -> str:
        base, _, _ = self.url.rpartition("/")
        return f"{base}/{name}"


def _binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> Server | str:
    """A running server, or the reason there is none."""
    given = os.environ.get("TACITUS_TEST_POSTGRES")
    if given:
        return Server(given, lambda: None)
    bindir = _binaries()
    if bindir is None:
        return "no PostgreSQL server binaries (apt-get install postgresql) and TACITUS_TEST_POSTGRES unset"
    run_as: list[str] = []
    folder = tempfile.mkdtemp(prefix="tacitus-pg-")
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(folder, "data")
    port = _free_port()
    try:
        subprocess.run(run_as + [f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres",
                                 "--no-sync", "-E", "UTF8"], check=True, capture_output=True, timeout=120)
        subprocess.run(run_as + [f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w",
                                 "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                                 "start"], check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        return f"could not start a private PostgreSQL ({exc}; {detail.decode(errors='replace')[:200]})"

    def stop() -> None:
        subprocess.run(run_as + [f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)

    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    deadline = time.monotonic() + 30
    import psycopg

    while True:
        try:
            psycopg.connect(url, connect_timeout=3).close()
            break
        except psycopg.Error:
            if time.monotonic() > deadline:
                stop()
                return "a private PostgreSQL started but refused connections"
            time.sleep(0.3)
    return Server(url, stop)
