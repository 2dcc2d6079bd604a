#!/bin/sh
# System packages the tests need (Debian/Ubuntu), installed when missing; `make test` calls this.
#   postgresql: tests/pg.py starts a throwaway PostgreSQL server (initdb + pg_ctl) for the store tests.
# Needs root to install; without root it only says what is missing (tests/pg.py then skips PostgreSQL tests).
set -e
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "system-deps: PostgreSQL is missing; install it with: sudo apt-get install -y postgresql" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: PostgreSQL is missing and apt-get is not available; install PostgreSQL >= 13" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends postgresql
