#!/usr/bin/env bash
# Runs every test: the Rust unit, integration, corpus and doc tests, then the browser tests of the
# help page and of the extension (Playwright with Debian's Chromium, and Firefox ESR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
export PATH="$HOME/.cargo/bin:$PATH"
printf '\033[1m[test]\033[0m %s\n' "Rust tests"
cargo test --release --no-fail-fast
printf '\033[1m[test]\033[0m %s\n' "browser tests (help page and extension)"
files=$(ls tests/wasm/*.test.mjs tests/www/*.test.mjs tests/extension/*.test.mjs 2>/dev/null || true)
node --test --test-concurrency=1 $files
