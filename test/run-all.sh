#!/usr/bin/env bash
# The one test command (npm test): installs what is missing, builds, starts the services the
# tests need, runs every suite (jest unit, Chromium end-to-end, PHPUnit) and prints a summary.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ART=test/.artifacts
mkdir -p "$ART"
rm -f "$ART"/jest-*.json "$ART"/phpunit.xml

bash test/setup.sh || exit 1
echo "== build"
npm run --silent build >"$ART/build.log" 2>&1 || { cat "$ART/build.log"; echo "build failed"; exit 1; }
echo "== type check (bridge, browser bundle, tests)"
npm run --silent typecheck || { echo "type check failed"; exit 1; }
echo "== services"
bash test/services/mariadb.sh start || exit 1

status=0
echo "== TypeScript unit and integration tests (jest)"
npx jest --ci --selectProjects unit --json --outputFile="$ART/jest-unit.json" || status=1
echo "== browser end-to-end tests (jest + Chromium)"
npx jest --ci --runInBand --selectProjects e2e --json --outputFile="$ART/jest-e2e.json" || status=1
echo "== PHP tests (PHPUnit)"
vendor/bin/phpunit -c test/php/phpunit.xml --log-junit "$ART/phpunit.xml" || status=1
echo "== PHP lint and coding standard"
lint_failed=0
while IFS= read -r -d '' f; do php -l "$f" >/dev/null || { echo "php -l failed: $f"; lint_failed=1; }; done < <(find app/code test/php -name '*.php' -print0)
vendor/bin/phpcs --standard=test/php/phpcs.xml --extensions=php,phtml app/code/Bandeau/Cti || lint_failed=1
[ "$lint_failed" = 0 ] || status=1

# Services the suites started for themselves are not left behind (MariaDB stays: it is cheap
# and `bash test/services/mariadb.sh stop` ends it).
bash test/services/rabbitmq.sh stop >/dev/null 2>&1 || true
bash test/services/redis.sh stop >/dev/null 2>&1 || true

echo "== summary"
node test/summary.js "$ART/jest-unit.json" "$ART/jest-e2e.json" "$ART/phpunit.xml" || status=1
exit $status
