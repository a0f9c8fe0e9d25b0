#!/usr/bin/env bash
# The main job: installs what is missing, builds the engine, the WebAssembly module and the
# extension, checks the README's example comments, then serves the help page on
# http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
printf '\033[1m[run]\033[0m %s\n' "the README's example comments:"
./target/release/huisregels check < tests/examples.txt | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n");
  const texts = require("fs").readFileSync("tests/examples.txt", "utf8").trim().split("\n");
  lines.forEach((l, i) => { const v = JSON.parse(l);
    console.log(`  ${v.action.padEnd(8)} ${texts[i]}` + (v.findings.length ? `  [${v.findings.map(f => f.rule).join(", ")}]` : "")); });'
exec node scripts/serve.mjs
