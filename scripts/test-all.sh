#!/usr/bin/env bash
# npm test: every check and every test (format, types, lint, unit + property, build, end-to-end),
# in that order, continuing past a failure so one run shows everything. Ends with the plain line
# "N passed, N failed, N skipped" counted from vitest's and Playwright's JSON reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC LANG=C.UTF-8 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
fail=0
step() {
  local n=$1; shift; echo "::: $n"; local t=$SECONDS
  if "$@"; then echo "::: $n ok ($((SECONDS - t))s)"; else echo "::: $n FAILED ($((SECONDS - t))s)"; fail=1; fi
}

# End-to-end tests drive Debian's Chromium (Playwright cannot download its own here).
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" = 0 ]; then
    step "apt chromium" bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null'
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)"; fail=1
  fi
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"

rm -rf .ci-out && mkdir -p .ci-out
# The static checks are single-threaded: two lanes side by side use both cores (lint alone is as
# long as the other three), each lane's output printed whole when both have ended.
lane() { # lane NAME STEP... : runs the steps in order into .ci-out/NAME.log, exit 1 if any failed
  local log=.ci-out/$1.log; shift
  ( fail=0; for s in "$@"; do eval "step $s"; done; exit $fail ) >"$log" 2>&1
}
lane checks "format npx prettier --check . --log-level warn" "types npx tsc --noEmit -p tsconfig.json" \
  "'engine types (no DOM, no Node)' npx tsc --noEmit -p src/engine/tsconfig.json" &
checks=$!
lane lint "lint npx eslint . --max-warnings=0" &
lint=$!
wait $checks || fail=1
wait $lint || fail=1
cat .ci-out/checks.log .ci-out/lint.log
step "unit and property tests" npx vitest run --reporter=default --reporter=json --outputFile.json=.ci-out/vitest.json
step "build" npm run build --silent
if [ -d dist ] && [ -f playwright.config.ts ]; then
  step "end-to-end (Chromium)" env PLAYWRIGHT_JSON_OUTPUT_FILE=.ci-out/e2e.json npx playwright test --reporter=list,json
fi

node -e '
const fs = require("fs"); let p = 0, f = 0, s = 0;
try { const v = JSON.parse(fs.readFileSync(".ci-out/vitest.json", "utf8")); p += v.numPassedTests; f += v.numFailedTests; s += (v.numPendingTests || 0) + (v.numTodoTests || 0); } catch { f += 1; }
if (fs.existsSync("playwright.config.ts")) {
  try { const e = JSON.parse(fs.readFileSync(".ci-out/e2e.json", "utf8")).stats; p += e.expected + e.flaky; f += e.unexpected; s += e.skipped; } catch { f += 1; }
}
if (process.argv[1] === "1" && f === 0) f = 1;
console.log(`${p} passed, ${f} failed, ${s} skipped`);' "$fail"
exit $fail
