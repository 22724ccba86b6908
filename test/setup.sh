#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test Bandeau: Debian packages (Chromium,
# MariaDB, PHP's pdo_mysql), npm packages (npm ci) and Composer packages. Idempotent: a
# machine that has everything is left alone. Debian packages need root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
# Firefox e2e (issue 13): Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core.
command -v firefox-esr >/dev/null 2>&1 || [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
if command -v php >/dev/null 2>&1; then
  phpv="$(php -r 'echo PHP_MAJOR_VERSION.".".PHP_MINOR_VERSION;')"
  php -m 2>/dev/null | grep -qi '^pdo_mysql$' || missing+=("php${phpv}-mysql")
  for ext in mbstring intl xml; do php -m 2>/dev/null | grep -qi "^${ext}$" || missing+=("php${phpv}-${ext}"); done
else
  missing+=(php-cli php-mysql php-mbstring php-intl php-xml)
fi
command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || missing+=(kamailio kamailio-websocket-modules)
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
# Several bridges (issue 18): the Redis tests run their own server (test/services/redis.sh).
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v composer >/dev/null 2>&1 || missing+=(composer)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or install them with apt-get)" >&2
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file. No fallback to npm install:
# a lock file that drifted from package.json must fail here, loudly, not be rewritten.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || {
    echo "setup: npm ci refused package-lock.json; run 'npm install' and commit the lock it writes" >&2
    exit 1
  }
fi

if [ ! -f vendor/autoload.php ] || [ composer.json -nt vendor/autoload.php ]; then
  say "installing Composer packages"
  COMPOSER_ALLOW_SUPERUSER=1 composer install --no-interaction --no-progress --quiet
  touch vendor/autoload.php
fi
say "ready"
