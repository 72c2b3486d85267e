#!/usr/bin/env bash
# Install the Debian packages the test suite drives, when they are missing:
# chromium + chromium-driver (browser journeys), default-jre-headless (the Nu Html Checker
# the browser tests run), postgresql (the PostgreSQL run) and redis-server
# (tests/test_scale_out.py, in the PostgreSQL run).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (run as root to install them)." >&2
  [ -n "${CI:-}" ] && exit 1
  exit 0
fi
echo "Installing ${missing[*]} from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
