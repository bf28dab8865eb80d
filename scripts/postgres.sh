#!/usr/bin/env bash
# Start a throw-away PostgreSQL on 127.0.0.1 for the test suite and print its DATABASE_URL.
# Installs the server from the OS packages when it is missing (CI runs as root).
set -euo pipefail
port=${PGPORT:-54329}
data=${PGDATA_DIR:-/tmp/budget-records-pg}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
id postgres >/dev/null 2>&1 || useradd --system postgres

if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  chown postgres "$data"
  su postgres -c "$bin/initdb -D $data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! su postgres -c "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
  su postgres -c "$bin/pg_ctl -D $data -o '-h 127.0.0.1 -p $port -k /tmp' -l $data/server.log -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/budget_records"
