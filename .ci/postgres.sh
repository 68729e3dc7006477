#!/usr/bin/env bash
# Sourced by .ci/run: install Debian's PostgreSQL server if it is missing, start a
# throwaway cluster on loopback, and export TACITUS_TEST_POSTGRES for the tests. The
# cluster is stopped when .ci/run exits. Without apt or the server, the PostgreSQL
# tests skip and say why.
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [[ -z "$(pg_bindir)" ]] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1; } \
    || echo "ci: could not install postgresql; its tests will skip"
fi

bindir=$(pg_bindir)
if [[ -n "$bindir" && -z "${TACITUS_TEST_POSTGRES:-}" ]]; then
  pgdir=$(mktemp -d /tmp/tacitus-ci-pg.XXXXXX)
  run_as=()
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$pgdir"
    run_as=(runuser -u postgres --)
  fi
  port=$(( 20000 + RANDOM % 20000 ))
  if "${run_as[@]}" "$bindir/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null \
     && "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
          -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
    export TACITUS_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
    trap '"${run_as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
    echo "ci: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port"
  else
    echo "ci: could not start PostgreSQL; its tests will skip"
  fi
fi
