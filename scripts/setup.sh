#!/usr/bin/env bash
# Installs what a fresh machine lacks (idempotent, quick when everything is there):
# the wasm32 target, wasm-bindgen-cli (pinned to the crate's wasm-bindgen), wasm-pack,
# Debian's Chromium and Firefox ESR, and the npm packages of package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: one of its locked dependencies was yanked from crates.io.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (a few minutes)"
  cargo install wasm-pack --locked || cargo install wasm-pack
fi
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s chromium-l10n >/dev/null 2>&1 || need_apt+=(chromium-l10n)   # Dutch and French UI for the extension tests
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v zip >/dev/null 2>&1 || need_apt+=(zip)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/ws ]; then
  say "installing npm packages"
  npm install --no-audit --no-fund --silent
fi
say "ready"
