#!/usr/bin/env bash
# Builds everything from source: the native CLI, the WebAssembly module (pkg/), the help page's
# copy (www/pkg/) and the extension (dist/chromium, dist/firefox and their zips).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # npm binaryen's wasm-opt (v132) first
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

say "native CLI (target/release/huisregels)"
cargo build --release --quiet --bin huisregels
say "WebAssembly module (pkg/)"
wasm-pack build --target web --profile wasm-release --out-dir pkg --out-name huisregels --no-pack . 2>&1 | grep -vE '^\[INFO\]|^$' || true
test -f pkg/huisregels_bg.wasm || { echo "wasm-pack produced no pkg/huisregels_bg.wasm" >&2; exit 1; }
rm -rf www/pkg && mkdir -p www/pkg
cp pkg/huisregels.js pkg/huisregels_bg.wasm pkg/huisregels.d.ts www/pkg/
# The default pack's examples stay out of the module (build.rs; 4.5 kB gzipped): the help page
# loads them from here, by rule id, from the native CLI's `rules` output.
target/release/huisregels rules | node -e '
  const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  const out = {};
  for (const r of lines.map(JSON.parse)) out[r.id] = r.examples;
  process.stdout.write(JSON.stringify(out));' > www/pkg/examples.json
if [ -f extension/build.mjs ]; then
  say "extension (dist/)"
  node extension/build.mjs
fi
say "done: pkg/ $(du -k pkg/huisregels_bg.wasm | cut -f1) KB wasm"
