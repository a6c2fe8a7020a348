#!/usr/bin/env bash
# The test command of the README: `bash scripts/test.sh`.
# Installs what the tests need on a fresh machine (Chromium for the browser tests, the npm packages
# of e2e/), runs the Rust tests with cargo-nextest, then the browser tests against a real server.
# Store tests also run against PostgreSQL when DAIHOI_TEST_DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The personnel plan's browser test writes the root organization with the sqlite3 shell.
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "== installing cargo-nextest"
  cargo install --locked cargo-nextest
fi

echo "== Rust tests (cargo nextest)"
if [ -z "${DAIHOI_TEST_DATABASE_URL:-}" ]; then
  echo "   DAIHOI_TEST_DATABASE_URL is not set: store tests run on SQLite only, PostgreSQL cases are skipped"
fi
cargo nextest run --workspace --no-fail-fast

if [ -f e2e/package.json ]; then
  echo "== browser tests (Playwright + headless Chromium)"
  cargo build --bin daihoi
  (cd e2e && { [ -d node_modules ] && npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --silent; })
  # The binary lives in cargo's target directory, which CARGO_TARGET_DIR (or a cargo config) may
  # put outside the checkout.
  target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  DAIHOI_BIN="$target_dir/debug/daihoi" node --test --test-concurrency=1 e2e/
fi
