#!/usr/bin/env bash
# Start a throw-away Redis on 127.0.0.1 (the Celery broker of the tests) and print its URL.
# Installs the server from the OS packages when it is missing (CI runs as root).
set -euo pipefail
port=${REDIS_PORT:-63790}

if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi
if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --logfile "/tmp/budget-records-redis-$port.log" >/dev/null
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
echo "redis://127.0.0.1:$port/0"
