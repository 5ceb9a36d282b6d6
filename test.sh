#!/usr/bin/env bash
# Runs every test of CallCenter: installs what the tests need when it is missing (Debian's chromium for the browser
# tests, npm packages for wwwroot-assets through the build), builds, runs all test projects, and ends with one line
# "N passed, N failed". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian's chromium for the browser tests"
  apt_install chromium || { log "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v npm >/dev/null 2>&1; then
  log "installing node and npm for the front-end assets"
  apt_install nodejs npm || { log "could not install npm"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="TestResults/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"

log "building"
if ! dotnet build CallCenter.sln -nologo -v:q -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log "running tests (results in $results)"
dotnet test CallCenter.sln --no-build -nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0; failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ ${#trx_files[@]} = 0 ] || { [ $status != 0 ] && [ $failed = 0 ]; }; then
  log "the test run itself failed (exit $status)"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
