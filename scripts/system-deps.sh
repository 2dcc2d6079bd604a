#!/bin/sh
# System packages the tests need (Debian), installed when missing; `make test` calls this.
#   postgresql          tests/pg.py starts a throwaway PostgreSQL server (initdb + pg_ctl)
#   chromium, chromium-driver   tests/test_browser.py drives Debian's Chromium with Playwright
# Needs root to install; without root it only says what is missing (those tests then skip, saying why).
set -e
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -x /usr/bin/chromium ] || missing="$missing chromium chromium-driver"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing:$missing (install with: sudo apt-get install -y$missing)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
